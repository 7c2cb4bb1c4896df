package io.wpoven.tool.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.wpoven.tool.ToolException;

/**
 * Where Quarantine puts infected files: {@code <wp-content>/.malware-quarantine/<scan>/<path as reported>}, readable by
 * the owner only, with an {@code index.tsv} of what came from where. The backend nginx denies every path with a
 * dot-folder, so nothing in it is served or run; {@code unquarantine} moves files back.
 */
public final class Quarantine {
    public static final String FOLDER = ".malware-quarantine";
    static final String INDEX = "index.tsv";

    private final Path folder;

    public Quarantine(Path content, String scanId) {
        if (!scanId.matches("[A-Za-z0-9._-]{1,100}") || scanId.startsWith(".")) {
            throw new ToolException("quarantine id '" + scanId + "' must be letters, digits, '.', '_' or '-'");
        }
        this.folder = content.resolve(FOLDER).resolve(scanId);
    }

    public Path folder() {
        return folder;
    }

    /** Moves file (shown as shown) into the quarantine; the file is gone from where it was. */
    public void take(Path file, String shown, Finding why) {
        try {
            Path target = folder.resolve(shown).normalize();
            if (!target.startsWith(folder)) {
                throw new ToolException("refusing to quarantine " + shown + ": outside the quarantine");
            }
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--------"));
            Files.writeString(folder.resolve(INDEX), shown + "\t" + why.kind() + "\t" + why.rule() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths (as reported) this quarantine holds, in the order they were taken. */
    public List<String> entries() {
        Path index = folder.resolve(INDEX);
        List<String> entries = new ArrayList<>();
        if (Files.exists(index)) {
            try {
                for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        entries.add(line.split("\t", 2)[0]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    /** Moves a quarantined file back to destination; refuses to overwrite a file that is there again. */
    public void giveBack(String shown, Path destination) {
        Path source = folder.resolve(shown).normalize();
        if (!source.startsWith(folder) || !Files.isRegularFile(source)) {
            throw new ToolException(shown + " is not in quarantine " + folder.getFileName());
        }
        if (Files.exists(destination)) {
            throw new ToolException("not restoring " + shown + ": a file is there again");
        }
        try {
            Files.createDirectories(destination.getParent());
            Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(source, destination);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
