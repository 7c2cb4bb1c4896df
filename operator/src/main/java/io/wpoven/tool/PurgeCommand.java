package io.wpoven.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.wpoven.tool.storage.ArtifactStore;

/**
 * {@code purge}: deletes every artifact under the storage prefix that provably belongs to {@code OWNER_UID},
 * complete or not. The operator runs it when a Backup with deletionPolicy Delete is deleted; anything else under the
 * prefix (other Backups' artifacts, Restores' safety backups, foreign folders) stays.
 */
final class PurgeCommand {
    private PurgeCommand() {
    }

    static Result run(Env env, Path workDir) {
        Owner owner = RetentionCommand.requiredOwner(env);
        ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
        List<String> deleted = new ArrayList<>();
        for (Retention.Candidate candidate : RetentionCommand.owned(store, owner, Signing.fromEnv(env).orElse(null))) {
            store.delete(candidate.name());
            deleted.add(candidate.name());
        }
        Log.info("purge: deleted the " + deleted.size() + " artifacts of " + owner + " " + deleted);
        return new Result("purge").deleted(deleted);
    }
}
