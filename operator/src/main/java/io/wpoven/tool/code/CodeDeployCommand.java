package io.wpoven.tool.code;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import io.wpoven.tool.ConfigException;
import io.wpoven.tool.Env;
import io.wpoven.tool.Log;
import io.wpoven.tool.Result;

/**
 * {@code code-deploy}: deploys one commit of a Git repository to a path of wp-content (docs/git-deploy.md). Under the
 * site's release lock: the commit's release is written unless it is there (complete or absent), the path's symlink
 * is switched to it atomically, and old releases beyond KEEP_RELEASES are pruned. Every part is skipped when already
 * done, so a Job killed at any point and run again ends in the same state.
 * <p>
 * Environment: FILES_DIR (wp-content), GIT_REPOSITORY, GIT_COMMIT (40 hex), CODE_PATH (e.g. themes/mytheme),
 * GIT_SUBPATH (optional), KEEP_RELEASES (default 3), GIT_USERNAME / GIT_PASSWORD (optional, from the credentials
 * Secret by secretKeyRef), GIT_TIMEOUT_SECONDS (default 120).
 */
public final class CodeDeployCommand {
    private CodeDeployCommand() {
    }

    public static Result run(Env env, Path workDir) throws IOException {
        Path content = env.directory("FILES_DIR");
        String repository = env.required("GIT_REPOSITORY");
        String commit = env.required("GIT_COMMIT");
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new ConfigException("GIT_COMMIT", "is not a full commit id");
        }
        String path = env.required("CODE_PATH");
        if (!path.matches("(themes|plugins|mu-plugins)/[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException("CODE_PATH", "must be themes/<name>, plugins/<name> or mu-plugins/<name>");
        }
        String subPath = env.optional("GIT_SUBPATH").orElse("");
        int keep = env.integer("KEEP_RELEASES", 3);
        int timeout = env.integer("GIT_TIMEOUT_SECONDS", 120);
        // JGit reads (and may create) its user config under user.home: the work folder, never the image's read-only home
        System.setProperty("user.home", workDir.toString());
        CredentialsProvider credentials = env.optional("GIT_USERNAME").isPresent() || env.optional("GIT_PASSWORD").isPresent()
                ? new UsernamePasswordCredentialsProvider(env.get("GIT_USERNAME", "git"), env.secret("GIT_PASSWORD"))
                : null;
        Releases releases = new Releases(content);
        try (FileLock lock = releases.lock()) {
            boolean fetched = releases.add(commit, into -> {
                int files = GitCheckout.export(repository, credentials, commit, workDir, into, timeout);
                Log.info("code-deploy: commit " + commit + " written (" + files + " files)");
            });
            if (!fetched) {
                Log.info("code-deploy: commit " + commit + " was already there");
            }
            Optional<String> before = releases.switchTo(path, commit, subPath);
            Log.info("code-deploy: " + path + " now serves commit " + commit
                    + before.map(b -> " (was " + b + ")").orElse(" (unchanged or new)"));
            Set<String> protect = new HashSet<>(Set.of(commit));
            before.ifPresent(protect::add);
            List<String> deleted = releases.prune(keep, protect);
            if (!deleted.isEmpty()) {
                Log.info("code-deploy: pruned " + deleted);
            }
            return new Result("code-deploy").artifact(commit).file(path).deleted(deleted).changes(fetched ? 1 : 0);
        }
    }
}
