package io.wpoven.tool.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directory trees: delete, copy (symlinks as links when they stay inside, see {@link SafePaths}; mode bits and
 * times kept), and the tool's own scratch names.
 */
public final class Trees {
    /** Names the tool makes inside a files directory; never archived, copied or kept. */
    public static final String SCRATCH_PREFIX = ".wpoven-";

    private Trees() {
    }

    /**
     * The JVM reads and writes file names in the locale's encoding: without a UTF-8 locale, non-ASCII names (common in
     * uploads) would be mangled, so the tool refuses to touch files then.
     */
    public static void requireUtf8FileNames() {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        if (!encoding.equalsIgnoreCase("UTF-8")) {
            throw new io.wpoven.tool.ConfigException("LANG", "must name a UTF-8 locale such as C.UTF-8 (file names are "
                    + "read as " + encoding + " now, which would mangle non-ASCII names)");
        }
    }

    public static boolean isScratch(Path name) {
        return name.getFileName() != null && name.getFileName().toString().startsWith(SCRATCH_PREFIX);
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // a read-only directory's entries cannot be removed
                d.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Copies from's contents (less scratch entries at its top) into the existing directory to. */
    public static void copyContents(Path from, Path to) throws IOException {
        Deque<Path[]> directories = new ArrayDeque<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && dir.getParent().equals(from) && isScratch(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path target = to.resolve(from.relativize(dir).toString());
                SafePaths.createDirectories(to, target);
                directories.push(new Path[] {dir, target});
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(from) && isScratch(file)) {
                    return FileVisitResult.CONTINUE;
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Path link = Files.readSymbolicLink(file);
                    if (!SafePaths.symlinkStaysInside(from, file, link)) {
                        io.wpoven.tool.Log.info("left out symlink " + from.relativize(file) + ": its target leaves the files directory");
                        return FileVisitResult.CONTINUE;
                    }
                    Files.createSymbolicLink(target, link);
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // directories last: their modes may forbid writing, and writing into them moves their times
        while (!directories.isEmpty()) {
            Path[] pair = directories.pop();
            if (pair[1].equals(to)) {
                continue;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(pair[0], LinkOption.NOFOLLOW_LINKS);
            FileTime modified = Files.getLastModifiedTime(pair[0], LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(pair[1], mode);
            Files.setLastModifiedTime(pair[1], modified);
        }
    }

    /**
     * Makes dir's contents those of staged (a scratch directory inside dir, so every move is a rename on one file
     * system): the current entries move aside, the staged ones move in, the old ones are deleted. dir itself may be a
     * mount point, which is why its contents are swapped rather than the directory. A failure while moving puts the
     * old entries back.
     */
    public static void swapContents(Path dir, Path staged) throws IOException {
        Path old = Files.createDirectory(dir.resolve(SCRATCH_PREFIX + "old-" + System.nanoTime()));
        Deque<Path> movedOut = new ArrayDeque<>();
        Deque<Path> movedIn = new ArrayDeque<>();
        try {
            for (Path entry : entries(dir)) {
                if (!isScratch(entry)) {
                    Files.move(entry, old.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    movedOut.push(entry.getFileName());
                }
            }
            for (Path entry : entries(staged)) {
                Files.move(entry, dir.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                movedIn.push(entry.getFileName());
            }
        } catch (IOException e) {
            for (Path name : movedIn) {
                Files.move(dir.resolve(name), staged.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            for (Path name : movedOut) {
                Files.move(old.resolve(name), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            delete(old);
            throw e;
        }
        delete(staged);
        delete(old);
    }

    /** The journal of a swap in progress (see io.wpoven.tool.SiteSwap): while it exists no scratch entry is removed. */
    public static final String JOURNAL = SCRATCH_PREFIX + "journal.json";

    /** The bytes of dir's regular files (scratch entries at its top left out); files that vanish meanwhile count 0. */
    public static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(dir) && d.getParent().equals(dir) && isScratch(d) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** Removes scratch directories a killed run left behind, unless a swap's journal still needs them. */
    public static void removeScratch(Path dir) throws IOException {
        if (Files.exists(dir.resolve(JOURNAL))) {
            throw new io.wpoven.tool.ToolException("a swap cut short is pending in " + dir + " (" + JOURNAL
                    + "): its staged and original files are kept until a restore, import, clone or push finishes it");
        }
        for (Path entry : entries(dir)) {
            if (isScratch(entry)) {
                delete(entry);
            }
        }
    }

    private static java.util.List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }
}
