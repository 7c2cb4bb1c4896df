package io.wpoven.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.tool.files.TarFiles;
import io.wpoven.tool.files.Trees;

class TarFilesTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsFilesLinksAndModesAndSkipsScratch() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("from/uploads"));
        Files.writeString(from.resolve("a.txt"), "a");
        Files.setPosixFilePermissions(from.resolve("a.txt"), PosixFilePermissions.fromString("rwxr-----"));
        Files.createSymbolicLink(from.resolve("link"), Path.of("a.txt"));
        Files.createDirectories(tmp.resolve("from/" + Trees.SCRATCH_PREFIX + "new-1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarFiles.write(tmp.resolve("from"), out);
        Path to = Files.createDirectories(tmp.resolve("to"));
        TarFiles.extract(new ByteArrayInputStream(out.toByteArray()), to);
        assertThat(Files.readString(to.resolve("uploads/a.txt"))).isEqualTo("a");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to.resolve("uploads/a.txt")))).isEqualTo("rwxr-----");
        assertThat(Files.readSymbolicLink(to.resolve("uploads/link"))).isEqualTo(Path.of("a.txt"));
        assertThat(Files.exists(to.resolve(Trees.SCRATCH_PREFIX + "new-1"))).isFalse();
    }

    @Test
    void entriesNeverLandOutsideTheDirectory() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        byte[] viaLink = tar(symlink("escape", outside.toString()), file("escape/owned.txt"));
        Path to = Files.createDirectories(tmp.resolve("to1"));
        assertThatThrownBy(() -> TarFiles.extract(new ByteArrayInputStream(viaLink), to)).hasMessageContaining("symlink");
        assertThat(Files.exists(outside.resolve("owned.txt"))).isFalse();

        byte[] dotDot = tar(file("../owned.txt"));
        Path to2 = Files.createDirectories(tmp.resolve("to2"));
        assertThatThrownBy(() -> TarFiles.extract(new ByteArrayInputStream(dotDot), to2)).hasMessageContaining("owned.txt");
        assertThat(Files.exists(tmp.resolve("owned.txt"))).isFalse();
    }

    /** Issue 15 item 11. */
    @Test
    void symlinksThatLeaveTheDirectoryAreRefusedAndNothingIsCreatedOutside() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        for (String target : new String[] {outside.toString(), "../../outside", "uploads/../../outside", "a/../../x",
                "q/../wp-config.php"}) {
            Path to = Files.createDirectories(tmp.resolve("to-" + Math.abs(target.hashCode())));
            byte[] archive = tar(dir("uploads/"), dir("q/"), symlink("uploads/link", target), file("uploads/link/new/owned.txt"));
            assertThatThrownBy(() -> TarFiles.extract(new ByteArrayInputStream(archive), to)).as(target)
                    .hasMessageContaining("uploads/link").hasMessageContaining("refused");
            assertThat(Files.exists(to.resolve("uploads/link"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(target).isFalse();
        }
        try (var left = Files.list(outside)) {
            assertThat(left).as("nothing created outside").isEmpty();
        }
    }

    @Test
    void noDirectoryOrFileIsCreatedThroughASymlinkEvenOneThatStaysInside() throws IOException {
        Path to = Files.createDirectories(tmp.resolve("to"));
        byte[] archive = tar(dir("elsewhere/"), symlink("uploads", "elsewhere"), file("uploads/2026/x.jpg"));
        assertThatThrownBy(() -> TarFiles.extract(new ByteArrayInputStream(archive), to))
                .hasMessageContaining("uploads/2026/x.jpg").hasMessageContaining("symlink");
        assertThat(Files.exists(to.resolve("elsewhere/2026"))).isFalse();

        Path to2 = Files.createDirectories(tmp.resolve("to2"));
        byte[] overLink = tar(file("real.txt"), symlink("f", "real.txt"), file("f"));
        assertThatThrownBy(() -> TarFiles.extract(new ByteArrayInputStream(overLink), to2));
        assertThat(Files.readString(to2.resolve("real.txt"))).as("not written through the link").isEqualTo("x");
    }

    @Test
    void hardLinksDevicesAndFifosAreRefused() throws IOException {
        TarArchiveEntry hard = new TarArchiveEntry("passwd", TarConstants.LF_LINK);
        hard.setLinkName("/etc/passwd");
        TarArchiveEntry chr = new TarArchiveEntry("null", TarConstants.LF_CHR);
        TarArchiveEntry blk = new TarArchiveEntry("sda", TarConstants.LF_BLK);
        TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarConstants.LF_FIFO);
        for (TarArchiveEntry entry : new TarArchiveEntry[] {hard, chr, blk, fifo}) {
            byte[] archive = tar(entry);
            Path to = Files.createDirectories(tmp.resolve("to-" + entry.getName()));
            assertThatThrownBy(() -> TarFiles.extract(new ByteArrayInputStream(archive), to)).as(entry.getName())
                    .hasMessageContaining(entry.getName()).hasMessageContaining("refused");
            assertThatThrownBy(() -> TarFiles.verify(new ByteArrayInputStream(archive))).as("verify " + entry.getName())
                    .hasMessageContaining("refused");
            try (var left = Files.list(to)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void symlinksInsideAreKeptAndThoseLeadingOutAreLeftOutOfBackupsAndCopies() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("site/plugins/a"));
        Path site = tmp.resolve("site");
        Files.writeString(site.resolve("plugins/a/a.php"), "<?php");
        Files.createSymbolicLink(site.resolve("plugins/current"), Path.of("a"));
        Files.createSymbolicLink(site.resolve("plugins/a/up"), Path.of("../current/a.php"));
        Files.createSymbolicLink(site.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(site.resolve("config.txt"), Path.of("../wp-config.php"));
        Files.createSymbolicLink(site.resolve("plugins/sneaky"), Path.of("current/../../../wp-config.php"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarFiles.write(site, out);
        Path restored = Files.createDirectories(tmp.resolve("restored"));
        TarFiles.extract(new ByteArrayInputStream(out.toByteArray()), restored);
        Path copied = Files.createDirectories(tmp.resolve("copied"));
        Trees.copyContents(site, copied);
        for (Path to : new Path[] {restored, copied}) {
            assertThat(Files.readString(to.resolve("plugins/a/up"))).as("an inside link works").isEqualTo("<?php");
            for (String gone : new String[] {"etc", "config.txt", "plugins/sneaky"}) {
                assertThat(Files.exists(to.resolve(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(to + " " + gone).isFalse();
            }
        }
        assertThat(from).exists();
    }

    private static TarArchiveEntry dir(String name) {
        return new TarArchiveEntry(name, TarConstants.LF_DIR);
    }

    private static TarArchiveEntry symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        return entry;
    }

    private static TarArchiveEntry file(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(1);
        return entry;
    }

    private static byte[] tar(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (TarArchiveEntry entry : entries) {
                tar.putArchiveEntry(entry);
                if (entry.getSize() > 0) {
                    tar.write("x".getBytes(StandardCharsets.US_ASCII));
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void filesThatChangeOrVanishWhileArchivedAreRetriedOrRecordedNotAFailedBackup() throws Exception {
        Path site = Files.createDirectories(tmp.resolve("busy"));
        for (int i = 0; i < 1500; i++) {
            Files.writeString(site.resolve(String.format("f%04d.txt", i)), "content-" + i);
        }
        Path log = site.resolve("debug.log");
        Files.write(log, new byte[4 << 20]);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread appender = new Thread(() -> {
            try (var out = Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND)) {
                for (int written = 0; !stop.get() && written < 32 << 20; written += 512) {
                    out.write(new byte[512]);
                    out.flush();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread deleter = new Thread(() -> {
            for (int i = 1499; i >= 500 && !stop.get(); i--) {
                try {
                    Files.deleteIfExists(site.resolve(String.format("f%04d.txt", i)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        appender.start();
        deleter.start();
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        TarFiles.Counts counts;
        try {
            counts = TarFiles.write(site, archive);
        } finally {
            stop.set(true);
            appender.join();
            deleter.join();
        }
        java.util.Set<String> archived = new java.util.HashSet<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new ByteArrayInputStream(archive.toByteArray()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                byte[] data = tar.readAllBytes();
                assertThat((long) data.length).as(entry.getName()).isEqualTo(entry.getSize());
                if (entry.getName().startsWith("f")) {
                    int n = Integer.parseInt(entry.getName().substring(1, 5));
                    assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("content-" + n);
                }
                archived.add(entry.getName());
            }
        }
        assertThat(archived).as("the growing log is archived as one consistent read").contains("debug.log", "f0000.txt", "f0499.txt");
        assertThat(counts.vanished()).doesNotContainAnyElementsOf(archived);
        for (String name : counts.vanished()) {
            assertThat(site.resolve(name)).doesNotExist();
        }
    }
}
