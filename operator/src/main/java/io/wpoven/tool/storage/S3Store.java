package io.wpoven.tool.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.wpoven.tool.ConfigException;
import io.wpoven.tool.Env;
import io.wpoven.tool.Manifest;
import io.wpoven.tool.ToolException;
import io.wpoven.tool.files.Trees;

/** Artifacts as objects {@code S3_PREFIX/<artifact>/<file>} in a bucket; files are staged in the work directory. */
final class S3Store implements ArtifactStore {
    private final S3Client s3;
    private final String prefix;
    private final Path workDir;

    S3Store(S3Client s3, String prefix, Path workDir) {
        this.s3 = s3;
        String p = prefix.replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
        this.workDir = workDir;
    }

    static S3Client client(Env env) {
        String endpoint = env.required("S3_ENDPOINT");
        URI uri;
        try {
            uri = URI.create(endpoint.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("S3_ENDPOINT", "'" + endpoint + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException("S3_ENDPOINT", "must be http(s)://host[:port], not '" + endpoint + "'");
        }
        Path ca = env.optional("S3_CA_FILE").map(Path::of).orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            throw new ConfigException("S3_CA_FILE", ca + " is not readable");
        }
        return new S3Client(uri, env.required("S3_BUCKET"), env.get("S3_REGION", "us-east-1"),
                env.required("AWS_ACCESS_KEY_ID"), env.secret("AWS_SECRET_ACCESS_KEY"), ca);
    }

    @Override
    public boolean copiesToWorkDir() {
        return true;
    }

    @Override
    public Path stagingRoot() {
        return workDir;
    }

    @Override
    public Path staging(String artifact) {
        try {
            return Files.createDirectories(workDir.resolve("stage-" + artifact));
        } catch (IOException e) {
            throw new ToolException("cannot create a work directory in " + workDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String artifact, String file, Path local, String sha256) {
        s3.put(key(artifact, file), local, sha256);
        try {
            Files.delete(local);
        } catch (IOException ignored) {
            // the work directory goes with the pod
        }
    }

    @Override
    public void publishManifest(String artifact, byte[] json) {
        s3.put(key(artifact, Manifest.FILE_NAME), json);
        try {
            Trees.delete(workDir.resolve("stage-" + artifact));
        } catch (IOException ignored) {
            // the work directory goes with the pod
        }
    }

    @Override
    public void write(String artifact, String file, byte[] content) {
        s3.put(key(artifact, file), content);
    }

    @Override
    public Optional<byte[]> read(String artifact, String file) {
        return s3.get(key(artifact, file));
    }

    @Override
    public Path fetch(String artifact, String file, Path into) {
        try {
            Files.createDirectories(into);
        } catch (IOException e) {
            throw new ToolException("cannot create " + into + ": " + e.getMessage(), e);
        }
        Path local = into.resolve(file);
        if (!s3.get(key(artifact, file), local)) {
            throw new ToolException("artifact " + artifact + " lacks " + file + " (s3 key " + key(artifact, file) + ")");
        }
        return local;
    }

    @Override
    public List<Listed> list() {
        Map<String, List<S3Client.S3Object>> byArtifact = new TreeMap<>();
        for (S3Client.S3Object object : s3.list(prefix)) {
            String rest = object.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                byArtifact.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(object);
            }
        }
        List<Listed> found = new ArrayList<>();
        byArtifact.forEach((name, objects) -> found.add(new Listed(name,
                objects.stream().anyMatch(o -> o.key().equals(key(name, Manifest.FILE_NAME))),
                objects.stream().map(S3Client.S3Object::lastModified).max(Comparator.naturalOrder()).orElse(Instant.EPOCH))));
        return found;
    }

    @Override
    public void delete(String artifact) {
        List<S3Client.S3Object> objects = s3.list(prefix + artifact + "/");
        // the manifest first: a deletion cut short leaves an incomplete artifact, never a damaged complete one
        String manifest = key(artifact, Manifest.FILE_NAME);
        if (objects.stream().anyMatch(o -> o.key().equals(manifest))) {
            s3.delete(manifest);
        }
        objects.stream().map(S3Client.S3Object::key).filter(k -> !k.equals(manifest)).forEach(s3::delete);
    }

    @Override
    public void discard(String artifact) {
        try {
            Trees.delete(workDir.resolve("stage-" + artifact));
        } catch (IOException ignored) {
            // the work directory goes with the pod
        }
        delete(artifact);
    }

    @Override
    public String describe() {
        return s3.describe() + "/" + prefix;
    }

    private String key(String artifact, String file) {
        return prefix + artifact + "/" + file;
    }
}
