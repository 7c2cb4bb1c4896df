package io.wpoven.tool.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes that survive a crash: data flushed to disk (fsync) before a rename publishes it. */
public final class Durable {
    private Durable() {
    }

    /** Flushes a file's (or a directory's) content to disk. */
    public static void sync(Path path) throws IOException {
        boolean dir = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!dir) {
                throw e;
            } // some file systems cannot open a directory for fsync; its entries are then synced with the files
        }
    }

    /** Flushes every file and directory under root to disk. */
    public static void syncTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    sync(p);
                }
            }
        }
    }

    /** Writes file as a whole or not at all: a synced temporary file renamed over it, then the directory synced. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, content);
        sync(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync(file.getParent());
    }
}
