package io.wpoven.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free-space checks before a command writes a known amount: a clear error first, never a disk filled halfway. */
final class Space {
    /** Kept free beyond what a command needs, for the file system's own bookkeeping. */
    static final long MARGIN = 16L << 20;

    private Space() {
    }

    static void require(Path dir, long bytes, String variable, String what) {
        long usable;
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return;
            }
            usable = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return; // no way to tell: the write itself reports a full disk
        }
        if (usable < bytes + MARGIN) {
            throw new ToolException("not enough free space in " + variable + " " + dir + " for " + what + ": it needs about "
                    + mib(bytes + MARGIN) + ", " + mib(usable) + " are free");
        }
    }

    static String mib(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }
}
