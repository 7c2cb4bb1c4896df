package io.wpoven.tool;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.wpoven.tool.storage.ArtifactStore;

/** {@code retention}: applies KEEP_LAST and MAX_AGE to the artifacts in storage (also run after a backup). */
final class RetentionCommand {
    private RetentionCommand() {
    }

    static Result run(Env env, Path workDir) {
        Retention retention = new Retention(env.optionalInteger("KEEP_LAST"), env.duration("MAX_AGE"));
        if (retention.isEmpty()) {
            throw new ConfigException("KEEP_LAST", "or MAX_AGE must be set");
        }
        ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
        return new Result("retention").deleted(apply(store, retention, Instant.now()));
    }

    static List<String> apply(ArtifactStore store, Retention retention, Instant now) {
        List<Retention.Candidate> candidates = new ArrayList<>();
        for (ArtifactStore.Listed listed : store.list()) {
            Instant time = listed.lastModified();
            if (listed.complete()) {
                time = store.readManifest(listed.name()).map(json -> createdAt(listed.name(), json)).orElse(time);
            }
            candidates.add(new Retention.Candidate(listed.name(), listed.complete(), time == null ? listed.lastModified() : time));
        }
        List<String> delete = retention.select(candidates, now);
        Log.info("retention " + retention.keepLast().map(n -> "keepLast=" + n + " ").orElse("")
                + retention.maxAge().map(a -> "maxAge=" + a + " ").orElse("") + "over " + candidates.size()
                + " artifacts: deleting " + delete);
        for (String name : delete) {
            store.delete(name);
        }
        return delete;
    }

    private static Instant createdAt(String name, byte[] json) {
        try {
            String createdAt = Manifest.parse(name, json).createdAt();
            return createdAt == null ? null : java.time.OffsetDateTime.parse(createdAt).toInstant();
        } catch (ToolException | DateTimeParseException e) {
            return null; // dated by its files instead
        }
    }
}
