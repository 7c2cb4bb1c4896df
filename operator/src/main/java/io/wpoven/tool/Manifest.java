package io.wpoven.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code manifest.json}, written last into an artifact: its presence marks the artifact complete, and it lists every
 * file with its size and sha256, which a restore checks before it touches anything. It names its {@link Owner} (what
 * retention and purge may delete) and carries an HMAC over all of that ({@link Signing}): a restore refuses an
 * artifact that the operator's own backups did not write.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String artifact, String site, String createdAt, String compression, List<FileEntry> files,
        Database database, Owner owner, String hmac) {

    public static final String FILE_NAME = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String name, long size, String sha256) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Database(List<Table> tables) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Table(String name, long rows) {
    }

    public Manifest(String artifact, String site, String createdAt, String compression, List<FileEntry> files,
            Database database, Owner owner) {
        this(artifact, site, createdAt, compression, files, database, owner, null);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This manifest with its HMAC under key (none when key is null). */
    public Manifest signed(Signing key) {
        return key == null ? this : new Manifest(artifact, site, createdAt, compression, files, database, owner,
                key.sign(unsigned().toJson()));
    }

    /** Whether the HMAC is there and was made with key. */
    public boolean signedWith(Signing key) {
        return hmac != null && key.verify(unsigned().toJson(), hmac);
    }

    private Manifest unsigned() {
        return new Manifest(artifact, site, createdAt, compression, files, database, owner, null);
    }

    public static Manifest parse(String artifact, byte[] json) {
        try {
            Manifest manifest = JSON.readValue(json, Manifest.class);
            if (manifest.files() == null) {
                throw new ToolException("manifest.json of artifact " + artifact + " lists no files");
            }
            return manifest;
        } catch (IOException e) {
            throw new ToolException("manifest.json of artifact " + artifact + " is not valid JSON: " + e.getMessage());
        }
    }

    public FileEntry file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
