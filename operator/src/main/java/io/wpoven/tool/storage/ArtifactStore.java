package io.wpoven.tool.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.wpoven.tool.ConfigException;
import io.wpoven.tool.Env;

/**
 * Where artifacts live: {@code <prefix>/<artifact>/<file>} on a mounted volume or in an S3 bucket. Files are written
 * locally first (into {@link #staging}) with their sha256 computed while writing, then {@link #publish}ed.
 */
public interface ArtifactStore {

    /** One artifact found in storage: complete when its manifest exists; dated by its newest file. */
    record Listed(String name, boolean complete, Instant lastModified) {
    }

    /** A local directory to write the artifact's files into. */
    Path staging(String artifact);

    /** Makes a file written into {@link #staging} part of the stored artifact. */
    void publish(String artifact, String file, Path local, String sha256);

    /**
     * Writes the manifest, last, so that its presence means the artifact is complete; on a volume the artifact's
     * files are flushed to disk (fsync) first, so a published manifest never describes data still in a cache.
     */
    void publishManifest(String artifact, byte[] json);

    default Optional<byte[]> readManifest(String artifact) {
        return read(artifact, io.wpoven.tool.Manifest.FILE_NAME);
    }

    /** Writes a small file of the artifact straight to storage (the owner record, before anything else). */
    void write(String artifact, String file, byte[] content);

    /** A small file of the artifact, when it exists. */
    Optional<byte[]> read(String artifact, String file);

    /** A local copy of one of the artifact's files (the file itself on a volume, a download from S3). */
    Path fetch(String artifact, String file, Path workDir);

    List<Listed> list();

    /** Whether {@link #fetch} and {@link #staging} use the work directory (S3) rather than the storage itself. */
    default boolean copiesToWorkDir() {
        return false;
    }

    /** The local directory a backup's files are written into before they are published (for a free-space check). */
    Path stagingRoot();

    void delete(String artifact);

    /** Removes what a failed backup left in storage and locally. */
    void discard(String artifact);

    String describe();

    static ArtifactStore fromEnv(Env env, Path workDir) {
        String type = env.get("STORAGE_TYPE", "pvc");
        return switch (type) {
            case "pvc" -> new PvcStore(env.directory("STORAGE_PATH"), checkPrefix("STORAGE_PREFIX", env.get("STORAGE_PREFIX", "")));
            case "s3" -> new S3Store(S3Store.client(env), checkPrefix("S3_PREFIX", env.get("S3_PREFIX", "")), workDir);
            default -> throw new ConfigException("STORAGE_TYPE", "must be pvc or s3, not '" + type + "'");
        };
    }

    /** A prefix of '/'-separated segments, none of them empty, '.' or '..' (it must never leave its storage root). */
    static String checkPrefix(String variable, String prefix) {
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        if (!trimmed.isEmpty()) {
            for (String segment : trimmed.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new ConfigException(variable, "'" + prefix + "' has an empty, '.' or '..' segment");
                }
            }
        }
        return trimmed;
    }

    static String checkName(String artifact) {
        if (!artifact.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || artifact.length() > 253) {
            throw new ConfigException("ARTIFACT_NAME", "'" + artifact + "' is not a valid artifact name "
                    + "(letters, digits, '.', '_', '-')");
        }
        return artifact;
    }
}
