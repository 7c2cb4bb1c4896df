package io.wpoven.tool.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What the tool may create inside a files directory: symlinks only with relative targets that stay inside it,
 * directories only as real directories, never through a symlink (an archive or a site could otherwise make the
 * tool write, or the web server read, outside the site's files).
 */
public final class SafePaths {
    private SafePaths() {
    }

    /**
     * Whether a symlink at link (inside root, in a real directory) pointing at target stays inside root: relative,
     * "..", if any, only at its start (q/../x would climb from wherever the symlink q leads), and not above root.
     * Every symlink the tool creates obeys this, so following any chain of them never leaves root.
     */
    public static boolean symlinkStaysInside(Path root, Path link, Path target) {
        if (target.isAbsolute() || target.toString().isEmpty()) {
            return false;
        }
        boolean climbing = true;
        for (Path segment : target) {
            String s = segment.toString();
            if (s.equals("..")) {
                if (!climbing) {
                    return false;
                }
            } else if (!s.equals(".")) {
                climbing = false;
            }
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = link.toAbsolutePath().normalize().getParent().resolve(target).normalize();
        return resolved.startsWith(base);
    }

    /**
     * Creates dir (inside root) and its missing parents one at a time; each must be missing or a real directory, so
     * nothing is created through a symlink or over a file.
     */
    public static void createDirectories(Path root, Path dir) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(base)) {
            throw new IOException(dir + " is outside " + root);
        }
        Path current = base;
        for (Path segment : base.relativize(target)) {
            if (segment.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(segment.toString());
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(base.relativize(current) + " is a " + (Files.isSymbolicLink(current) ? "symlink" : "file")
                        + ", not a directory: nothing is created through it");
            }
            Files.createDirectory(current);
        }
    }
}
