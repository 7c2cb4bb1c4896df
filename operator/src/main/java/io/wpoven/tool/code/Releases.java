package io.wpoven.tool.code;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.wpoven.tool.ToolException;
import io.wpoven.tool.files.Trees;

/**
 * The releases of a site's Git-deployed code in its wp-content: each commit's tree in
 * {@code .wpoven/releases/<sha>} (written under a temporary name, then renamed, so a release is complete or absent),
 * and the deployed path ({@code themes/mytheme}) a relative symlink into one of them, switched by renaming a new
 * symlink over it: a reader sees the old release or the new one, never half. Every release carries a marker file
 * naming its commit; pruning deletes only folders that carry it, so nothing the tool did not make is touched.
 */
public final class Releases {
    public static final String DIR = ".wpoven/releases";
    public static final String MARKER = ".wpoven-release";
    static final String TMP_PREFIX = ".tmp-";
    static final String LOCK = ".wpoven/code.lock";
    private static final String MARKER_WORD = "wpoven-release";

    private final Path content;

    public Releases(Path content) {
        this.content = content;
    }

    /** Fills a release folder (the commit's tree). */
    public interface Filler {
        void fill(Path into) throws IOException;
    }

    /** Holds this site's release lock: one deploy at a time writes releases and the symlink (a second one waits). */
    public FileLock lock() throws IOException {
        Path lock = content.resolve(LOCK);
        Files.createDirectories(lock.getParent());
        FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return channel.lock();
    }

    public Path release(String sha) {
        return content.resolve(DIR).resolve(sha);
    }

    /** The commit's release is there, complete (its marker names it). */
    public boolean has(String sha) {
        return Files.isDirectory(release(sha), LinkOption.NOFOLLOW_LINKS) && commitOf(release(sha)).filter(sha::equals).isPresent();
    }

    /** Writes the commit's release unless it is there: under a temporary name first, renamed when complete. */
    public boolean add(String sha, Filler filler) throws IOException {
        if (has(sha)) {
            return false;
        }
        Path dir = content.resolve(DIR);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(TMP_PREFIX + sha + "-" + System.nanoTime());
        Files.createDirectory(tmp);
        writeMarker(tmp, sha); // first: a half-written folder left by a killed Job is still provably the tool's
        filler.fill(tmp);
        Path target = release(sha);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (commitOf(target).isEmpty()) {
                throw new ToolException(DIR + "/" + sha + " exists and was not made by the operator: remove it");
            }
            Trees.delete(target); // an incomplete release of the same commit (its marker, but not renamed by us)
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * Points {@code path} (relative to wp-content) at the commit's release ({@code subPath} inside it): a new symlink
     * under a temporary name, renamed over the old one. Returns the commit it pointed at before (empty: none, or the
     * same). A path that is a real folder or someone else's symlink is never replaced.
     */
    public Optional<String> switchTo(String path, String sha, String subPath) throws IOException {
        Path link = content.resolve(path);
        Path release = release(sha);
        Path target = subPath == null || subPath.isBlank() ? release : release.resolve(subPath);
        if (!target.normalize().startsWith(release) || !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException("subPath " + subPath + " is not a folder of commit " + sha);
        }
        Files.createDirectories(link.getParent());
        Path relative = link.getParent().relativize(target);
        Optional<String> before = Optional.empty();
        if (Files.isSymbolicLink(link)) {
            Path current = Files.readSymbolicLink(link);
            if (current.equals(relative)) {
                return Optional.empty();
            }
            before = Optional.of(releaseOf(link, current).orElseThrow(() -> new ToolException(path
                    + " is a symlink to " + current + ", not to a release of the operator: remove it to deploy there")));
        } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException(path + " exists and is not a release of the operator: move it away to deploy there"
                    + " (the operator never replaces files it did not make)");
        }
        Path next = link.resolveSibling("." + link.getFileName() + ".wpoven-next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, relative);
        try {
            Files.move(next, link, StandardCopyOption.ATOMIC_MOVE); // rename(2): atomic over the old symlink
        } catch (AtomicMoveNotSupportedException e) {
            throw new ToolException("the file system cannot rename atomically: " + e.getMessage());
        }
        return before;
    }

    /** The commit the symlink at path points at, if it points into a release. */
    public Optional<String> current(String path) throws IOException {
        Path link = content.resolve(path);
        return Files.isSymbolicLink(link) ? releaseOf(link, Files.readSymbolicLink(link)) : Optional.empty();
    }

    /**
     * Deletes releases beyond the newest {@code keep} (never one in {@code protect}), and the leftovers of Jobs that
     * were killed while writing one; only folders whose marker proves they are the tool's. Returns what it deleted.
     */
    public List<String> prune(int keep, Set<String> protect) throws IOException {
        Path dir = content.resolve(DIR);
        List<String> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        List<Path> releases = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || commitOf(p).isEmpty()) {
                    continue; // not the tool's: left alone
                }
                if (name.startsWith(TMP_PREFIX)) {
                    Trees.delete(p); // the lock is held: no other deploy is writing it
                    deleted.add(name);
                } else if (commitOf(p).get().equals(name)) {
                    releases.add(p);
                }
            }
        }
        releases.sort(Comparator.comparingLong(Releases::created).reversed());
        int kept = 0;
        for (Path p : releases) {
            String sha = p.getFileName().toString();
            if (protect.contains(sha)) {
                continue;
            }
            if (kept < keep) {
                kept++;
                continue;
            }
            Trees.delete(p);
            deleted.add(sha);
        }
        return deleted;
    }

    private Optional<String> releaseOf(Path link, Path target) {
        Path resolved = link.getParent().resolve(target).normalize();
        Path dir = content.resolve(DIR).normalize();
        if (!resolved.startsWith(dir) || resolved.equals(dir)) {
            return Optional.empty();
        }
        return Optional.of(dir.relativize(resolved).getName(0).toString());
    }

    private static void writeMarker(Path dir, String sha) throws IOException {
        Files.writeString(dir.resolve(MARKER), MARKER_WORD + " " + sha + " " + System.currentTimeMillis() + "\n",
                StandardCharsets.UTF_8);
    }

    /** The commit a folder's marker names (empty: no marker of the tool's). */
    static Optional<String> commitOf(Path dir) {
        return marker(dir).map(m -> m[1]);
    }

    private static long created(Path dir) {
        return marker(dir).map(m -> m.length > 2 ? parseLong(m[2]) : 0L).orElse(0L);
    }

    private static Optional<String[]> marker(Path dir) {
        Path file = dir.resolve(MARKER);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String[] words = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
            return words.length >= 2 && MARKER_WORD.equals(words[0]) && words[1].matches("[0-9a-f]{40}")
                    ? Optional.of(words) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
