package io.wpoven.tool.code;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.wpoven.tool.Log;
import io.wpoven.tool.ToolException;
import io.wpoven.tool.files.Trees;

/**
 * One commit's tree, fetched with JGit into a bare clone in the work folder (never into wp-content) and written out as
 * plain files: no .git folder is ever served. Regular files only; symlinks and submodules in the repository are
 * skipped (a symlink could point out of the release), and a path that would leave the folder is refused.
 */
public final class GitCheckout {
    private GitCheckout() {
    }

    /** Clones repository into workDir and writes commit's tree into {@code into}; returns the number of files. */
    public static int export(String repository, CredentialsProvider credentials, String commit, Path workDir, Path into,
            int timeoutSeconds) throws IOException {
        Path gitDir = workDir.resolve("repository.git");
        Trees.delete(gitDir);
        try (Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).call()) {
            Repository repo = git.getRepository();
            // no background gc in a clone that is deleted right after
            repo.getConfig().setInt("gc", null, "auto", 0);
            repo.getConfig().setInt("gc", null, "autoPackLimit", 0);
            repo.getConfig().setBoolean("gc", null, "autoDetach", false);
            repo.getConfig().save();
            git.fetch().setRemote(repository).setCredentialsProvider(credentials).setTimeout(timeoutSeconds)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")).call();
            ObjectId id = null;
            try {
                id = repo.resolve(commit + "^{commit}");
            } catch (MissingObjectException | IncorrectObjectTypeException e) {
                // not fetched: no branch or tag has it
            }
            if (id == null) {
                throw new ToolException("commit " + commit + " is not on any branch or tag of " + repository);
            }
            int files = 0;
            try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
                RevCommit c = walk.parseCommit(id);
                tree.addTree(c.getTree());
                tree.setRecursive(true);
                Path root = into.normalize();
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    String path = tree.getPathString();
                    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                        Log.info("code-deploy: skipped " + path + " (" + (mode == FileMode.GITLINK ? "a submodule"
                                : mode == FileMode.SYMLINK ? "a symlink" : "not a file") + ")");
                        continue;
                    }
                    Path file = root.resolve(path).normalize();
                    if (!file.startsWith(root) || file.equals(root)) {
                        throw new ToolException("the repository has a path that leaves its folder: " + path);
                    }
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        repo.open(tree.getObjectId(0)).copyTo(out);
                    }
                    files++;
                }
            }
            return files;
        } catch (GitAPIException e) {
            throw new ToolException("fetching " + repository + " failed: " + e.getMessage(), e);
        } finally {
            Trees.delete(gitDir);
        }
    }
}
