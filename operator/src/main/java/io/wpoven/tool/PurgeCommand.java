package io.wpoven.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.wpoven.tool.storage.ArtifactStore;

/**
 * {@code purge}: deletes every artifact under the storage prefix, complete or not. The operator runs it when a
 * Backup with deletionPolicy Delete is deleted; the prefix is that Backup's own.
 */
final class PurgeCommand {
    private PurgeCommand() {
    }

    static Result run(Env env, Path workDir) {
        ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
        List<String> deleted = new ArrayList<>();
        for (ArtifactStore.Listed listed : store.list()) {
            store.delete(listed.name());
            deleted.add(listed.name());
        }
        Log.info("purge: deleted " + deleted.size() + " artifacts " + deleted);
        return new Result("purge").deleted(deleted);
    }
}
