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
                if (!entry.isSymbolicLink()) {
                    tar.write("x".getBytes(StandardCharsets.US_ASCII));
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
