package io.wpoven.tool;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wpoven.tool.storage.ArtifactStore;

/**
 * {@code retention}: applies KEEP_LAST and MAX_AGE to the artifacts in storage that provably belong to
 * {@code OWNER_UID} (also run after a backup). Anything else under the prefix — another Backup's artifacts, a
 * Restore's safety backup, a folder without an owner record — is never a candidate.
 */
final class RetentionCommand {
    private RetentionCommand() {
    }

    static Result run(Env env, Path workDir) {
        Retention retention = new Retention(env.optionalInteger("KEEP_LAST"), env.duration("MAX_AGE"));
        if (retention.isEmpty()) {
            throw new ConfigException("KEEP_LAST", "or MAX_AGE must be set");
        }
        Owner owner = requiredOwner(env);
        ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
        return new Result("retention").deleted(apply(store, retention, Instant.now(), owner, Signing.fromEnv(env).orElse(null)));
    }

    static Owner requiredOwner(Env env) {
        return Owner.fromEnv(env).orElseThrow(() -> new ConfigException("OWNER_UID",
                "is required: only artifacts whose owner record names it are ever deleted"));
    }

    static List<String> apply(ArtifactStore store, Retention retention, Instant now, Owner owner, Signing key) {
        List<Retention.Candidate> candidates = owned(store, owner, key);
        List<String> delete = retention.select(candidates, now);
        Log.info("retention " + retention.keepLast().map(n -> "keepLast=" + n + " ").orElse("")
                + retention.maxAge().map(a -> "maxAge=" + a + " ").orElse("") + "over the " + candidates.size()
                + " artifacts of " + owner + ": deleting " + delete);
        for (String name : delete) {
            store.delete(name);
        }
        return delete;
    }

    /**
     * The artifacts owner's record proves to be its own: complete ones by the owner in their (signed, when a key is
     * given) manifest, incomplete ones by their owner.json.
     */
    static List<Retention.Candidate> owned(ArtifactStore store, Owner owner, Signing key) {
        List<Retention.Candidate> candidates = new ArrayList<>();
        for (ArtifactStore.Listed listed : store.list()) {
            if (listed.complete()) {
                Optional<Manifest> manifest = store.readManifest(listed.name()).flatMap(json -> parse(listed.name(), json));
                if (manifest.isEmpty() || !owner.sameAs(manifest.get().owner())
                        || key != null && !manifest.get().signedWith(key)) {
                    continue;
                }
                Instant time = createdAt(manifest.get());
                candidates.add(new Retention.Candidate(listed.name(), true, time == null ? listed.lastModified() : time));
            } else {
                boolean mine = store.read(listed.name(), Owner.FILE_NAME).flatMap(json -> Owner.parse(json, key))
                        .map(owner::sameAs).orElse(false);
                if (mine) {
                    candidates.add(new Retention.Candidate(listed.name(), false, listed.lastModified()));
                }
            }
        }
        return candidates;
    }

    private static Optional<Manifest> parse(String name, byte[] json) {
        try {
            return Optional.of(Manifest.parse(name, json));
        } catch (ToolException e) {
            return Optional.empty();
        }
    }

    private static Instant createdAt(Manifest manifest) {
        try {
            return manifest.createdAt() == null ? null : OffsetDateTime.parse(manifest.createdAt()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // dated by its files instead
        }
    }
}
