package io.wpoven.tool.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.wpoven.tool.ToolException;

/**
 * A files directory as a tar stream (regular files, directories, symlinks, mode bits, times) and back. Symlinks
 * with absolute targets or targets outside the directory are left out of an archive (and named in the log);
 * extracting refuses them, hard links, devices and fifos, and never creates anything through a symlink.
 */
public final class TarFiles {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    /**
     * What an archive holds; for a written one also the files that vanished while it was written (left out) and the
     * ones that kept changing through every attempt (archived as last read).
     */
    public record Counts(long entries, long bytes, List<String> vanished, List<String> changing) {
        public Counts(long entries, long bytes) {
            this(entries, bytes, List.of(), List.of());
        }
    }

    /** Attempts at reading a file that changes while it is read; files up to this size are read into memory. */
    static final int ATTEMPTS = 3;
    static final int IN_MEMORY = 8 << 20;

    private TarFiles() {
    }

    /** Writes dir's contents (less the tool's scratch entries) to out; out is finished, not closed. */
    public static Counts write(Path dir, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        long[] counts = {0, 0};
        List<String> vanished = new ArrayList<>();
        List<String> changing = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    vanished.add(name(dir, file));
                    io.wpoven.tool.Log.info("left out " + name(dir, file) + ": it vanished while the archive was written");
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.equals(dir)) {
                    return FileVisitResult.CONTINUE;
                }
                if (d.getParent().equals(dir) && Trees.isScratch(d)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                TarArchiveEntry entry = new TarArchiveEntry(name(dir, d) + "/", TarConstants.LF_DIR);
                describe(entry, d, attrs);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                counts[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(dir) && Trees.isScratch(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    Path target = Files.readSymbolicLink(file);
                    if (!SafePaths.symlinkStaysInside(dir, file, target)) {
                        io.wpoven.tool.Log.info("left out symlink " + name(dir, file) + ": its target leaves the files directory");
                        return FileVisitResult.CONTINUE;
                    }
                    TarArchiveEntry entry = new TarArchiveEntry(name(dir, file), TarConstants.LF_SYMLINK);
                    entry.setLinkName(target.toString());
                    describe(entry, file, attrs);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else if (attrs.isRegularFile()) {
                    try (Snapshot snapshot = Snapshot.of(file, dir, changing)) {
                        if (snapshot == null) {
                            vanished.add(name(dir, file));
                            io.wpoven.tool.Log.info("left out " + name(dir, file) + ": it vanished while the archive was written");
                            return FileVisitResult.CONTINUE;
                        }
                        TarArchiveEntry entry = new TarArchiveEntry(name(dir, file));
                        describe(entry, file, snapshot.attrs());
                        entry.setSize(snapshot.size());
                        tar.putArchiveEntry(entry);
                        snapshot.copyTo(tar);
                        tar.closeArchiveEntry();
                        counts[1] += snapshot.size();
                    }
                } else {
                    return FileVisitResult.CONTINUE; // sockets, devices, fifos: not site content
                }
                counts[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        tar.finish();
        tar.flush();
        return new Counts(counts[0], counts[1], vanished, changing);
    }

    /**
     * A file's content as of one moment: read whole (into memory, or a temporary file when large) and kept only when
     * its size and modification time are the same after the read as before; otherwise read again, up to
     * {@link #ATTEMPTS} times (the last read is kept and the file named in {@code changing}).
     */
    private record Snapshot(BasicFileAttributes attrs, byte[] bytes, Path spill) implements AutoCloseable {
        static Snapshot of(Path file, Path dir, List<String> changing) throws IOException {
            for (int attempt = 1; ; attempt++) {
                BasicFileAttributes before;
                try {
                    before = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    return null;
                }
                byte[] bytes = null;
                Path spill = null;
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    if (before.size() <= IN_MEMORY) {
                        bytes = in.readNBytes(IN_MEMORY + 1);
                    }
                    if (bytes == null || bytes.length > IN_MEMORY) {
                        spill = Files.createTempFile("wpoven-tar-", ".part");
                        try (OutputStream out = Files.newOutputStream(spill)) {
                            if (bytes != null) {
                                out.write(bytes);
                            }
                            in.transferTo(out);
                        }
                        bytes = null;
                    }
                } catch (NoSuchFileException e) {
                    return null;
                }
                BasicFileAttributes after;
                try {
                    after = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    if (spill != null) {
                        Files.deleteIfExists(spill);
                    }
                    return null;
                }
                long read = bytes != null ? bytes.length : Files.size(spill);
                boolean stable = after.size() == before.size() && read == after.size()
                        && after.lastModifiedTime().equals(before.lastModifiedTime());
                if (stable || attempt == ATTEMPTS) {
                    if (!stable) {
                        changing.add(name(dir, file));
                        io.wpoven.tool.Log.info(name(dir, file) + " kept changing while the archive was written: archived as last read");
                    }
                    return new Snapshot(after, bytes, spill);
                }
                if (spill != null) {
                    Files.deleteIfExists(spill);
                }
            }
        }

        long size() throws IOException {
            return bytes != null ? bytes.length : Files.size(spill);
        }

        void copyTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
            } else {
                try (InputStream in = Files.newInputStream(spill)) {
                    in.transferTo(out);
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        }
    }

    /** Reads a whole archive, entries and data, to prove it is readable to its end. */
    public static Counts verify(InputStream in) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        long entries = 0;
        long bytes = 0;
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            safeName(entry.getName());
            refuseUnsafeType(entry);
            long read = tar.transferTo(OutputStream.nullOutputStream());
            if (entry.isFile() && read != entry.getSize()) {
                throw new IOException(entry.getName() + " is cut short");
            }
            entries++;
            bytes += read;
        }
        return new Counts(entries, bytes);
    }

    /** Extracts an archive into the empty directory to. */
    public static Counts extract(InputStream in, Path to) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        Deque<Object[]> directories = new ArrayDeque<>();
        long entries = 0;
        long bytes = 0;
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = safeName(entry.getName());
            Path target = to.resolve(name).normalize();
            if (!target.startsWith(to) || target.equals(to)) {
                throw new IOException("archive entry " + entry.getName() + " points outside the directory");
            }
            refuseUnsafeType(entry);
            try {
                // an earlier entry may be a symlink: never create directories or files through one
                SafePaths.createDirectories(to, target.getParent());
            } catch (IOException e) {
                throw new IOException("archive entry " + entry.getName() + " refused: " + e.getMessage(), e);
            }
            if (entry.isDirectory()) {
                SafePaths.createDirectories(to, target);
                directories.push(new Object[] {target, entry.getMode(), entry.getLastModifiedTime()});
            } else if (entry.isSymbolicLink()) {
                Path link = Path.of(entry.getLinkName());
                if (!SafePaths.symlinkStaysInside(to, target, link)) {
                    throw new IOException("archive entry " + entry.getName() + " refused: a symlink to " + entry.getLinkName()
                            + " leaves the directory (only relative targets inside it are restored)");
                }
                Files.createSymbolicLink(target, link);
            } else if (entry.isFile()) {
                bytes += Files.copy(tar, target); // fails on anything already there, a symlink included
                Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                Files.setLastModifiedTime(target, entry.getLastModifiedTime());
            } else {
                continue; // pax/GNU metadata entries
            }
            entries++;
        }
        while (!directories.isEmpty()) { // deepest last-seen first: a read-only directory is finished when closed
            Object[] d = directories.pop();
            Files.setPosixFilePermissions((Path) d[0], permissions((Integer) d[1]));
            Files.setLastModifiedTime((Path) d[0], (FileTime) d[2]);
        }
        return new Counts(entries, bytes);
    }

    /** Hard links, devices and fifos are never site content and are never restored. */
    private static void refuseUnsafeType(TarArchiveEntry entry) throws IOException {
        String what = entry.isLink() ? "a hard link" : entry.isCharacterDevice() || entry.isBlockDevice() ? "a device"
                : entry.isFIFO() ? "a fifo" : null;
        if (what != null) {
            throw new IOException("archive entry " + entry.getName() + " refused: it is " + what
                    + " (only files, directories and symlinks inside the directory are restored)");
        }
    }

    private static String safeName(String name) throws IOException {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.startsWith("/") || ("/" + n + "/").contains("/../")) {
            throw new IOException("archive entry name '" + name + "' is not a relative path inside the directory");
        }
        return n;
    }

    private static String name(Path root, Path p) {
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private static void describe(TarArchiveEntry entry, Path p, BasicFileAttributes attrs) throws IOException {
        int type = entry.isDirectory() ? 0040000 : entry.isSymbolicLink() ? 0120000 : 0100000;
        int mode = attrs.isSymbolicLink() ? 0777 : attrs instanceof PosixFileAttributes posix ? mode(posix.permissions())
                : mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        entry.setMode(type | mode);
        entry.setModTime(attrs.lastModifiedTime());
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (permissions.contains(BITS[i])) {
                mode |= 1 << i;
            }
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(BITS[i]);
            }
        }
        return permissions;
    }
}
