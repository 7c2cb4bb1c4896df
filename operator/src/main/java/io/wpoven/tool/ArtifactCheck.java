package io.wpoven.tool;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.wpoven.tool.files.TarFiles;
import io.wpoven.tool.storage.ArtifactStore;

/**
 * Proves a stored artifact whole before a restore touches anything: the manifest is there, every file it lists is
 * there with its size and sha256, and every compressed stream and archive reads to its end.
 */
final class ArtifactCheck {
    /** A checked artifact: its manifest and a local copy of each of its files. */
    record Checked(Manifest manifest, Map<String, Path> files, long fileBytes) {
        Path file(String prefix) {
            return files.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    private ArtifactCheck() {
    }

    static Checked check(ArtifactStore store, String artifact, Path workDir, Signing key) throws IOException {
        byte[] json = store.readManifest(artifact).orElseThrow(() -> new ToolException("artifact " + artifact
                + " is missing or incomplete in " + store.describe() + ": it has no manifest.json"));
        Manifest manifest = Manifest.parse(artifact, json);
        if (!manifest.signedWith(key)) {
            throw new ToolException("artifact " + artifact + " in " + store.describe() + " was not written by this "
                    + "site's backups: its manifest " + (manifest.hmac() == null ? "carries no HMAC" : "has a wrong HMAC")
                    + "; refused before anything was touched (a mysqldump file can be loaded with the import command)");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        if (store.copiesToWorkDir()) {
            Space.require(workDir, manifest.files().stream().mapToLong(Manifest.FileEntry::size).sum(), "WORK_DIR",
                    "downloading artifact " + artifact);
        }
        long fileBytes = 0;
        for (Manifest.FileEntry entry : manifest.files()) {
            if (!entry.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new ToolException("manifest.json of artifact " + artifact + " names an invalid file '" + entry.name() + "'");
            }
            Path local = store.fetch(artifact, entry.name(), workDir);
            long size = Files.size(local);
            if (size != entry.size()) {
                throw new ToolException("size mismatch for " + entry.name() + " in artifact " + artifact + ": manifest says "
                        + entry.size() + " bytes, found " + size + " (truncated or damaged)");
            }
            String sha256 = HashingOutputStream.sha256Hex(local);
            if (!sha256.equalsIgnoreCase(entry.sha256())) {
                throw new ToolException("sha256 mismatch for " + entry.name() + " in artifact " + artifact + ": manifest says "
                        + entry.sha256() + ", found " + sha256);
            }
            try (InputStream in = open(local, entry.name())) {
                if (entry.name().startsWith(Backup.TAR)) {
                    fileBytes = TarFiles.verify(in).bytes();
                } else {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            } catch (IOException e) {
                throw new ToolException(entry.name() + " in artifact " + artifact + " is not readable to its end: " + e.getMessage(), e);
            }
            files.put(entry.name(), local);
            Log.info("verified " + entry.name() + " (" + size + " bytes, sha256 " + sha256 + ")");
        }
        return new Checked(manifest, files, fileBytes);
    }

    static InputStream open(Path file, String name) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return name.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
