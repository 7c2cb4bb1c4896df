package io.wpoven.tool.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.wpoven.tool.Manifest;
import io.wpoven.tool.ToolException;
import io.wpoven.tool.files.Trees;

/** Artifacts as directories on a mounted volume: {@code STORAGE_PATH/STORAGE_PREFIX/<artifact>/}. */
final class PvcStore implements ArtifactStore {
    private final Path base;

    PvcStore(Path root, String prefix) {
        if (!Files.isDirectory(root)) {
            throw new ToolException("STORAGE_PATH " + root + " is not a directory");
        }
        this.base = prefix.isEmpty() ? root : root.resolve(prefix);
    }

    @Override
    public Path stagingRoot() {
        return base;
    }

    @Override
    public Path staging(String artifact) {
        try {
            Path dir = base.resolve(artifact);
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new ToolException("cannot create " + base.resolve(artifact) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String artifact, String file, Path local, String sha256) {
        // written in place
    }

    @Override
    public void publishManifest(String artifact, byte[] json) {
        Path dir = base.resolve(artifact);
        try {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Durable.sync(file);
                }
            }
            Durable.writeAtomically(dir.resolve(Manifest.FILE_NAME), json);
        } catch (IOException e) {
            throw new ToolException("cannot write the manifest into " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String artifact, String file, byte[] content) {
        Path dir = staging(artifact);
        try {
            Durable.writeAtomically(dir.resolve(file), content);
        } catch (IOException e) {
            throw new ToolException("cannot write " + file + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String artifact, String name) {
        Path file = base.resolve(artifact).resolve(name);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new ToolException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path fetch(String artifact, String file, Path workDir) {
        Path path = base.resolve(artifact).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ToolException("artifact " + artifact + " lacks " + file + " (" + path + ")");
        }
        return path;
    }

    @Override
    public List<Listed> list() {
        List<Listed> found = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                found.add(new Listed(dir.getFileName().toString(), Files.isRegularFile(dir.resolve(Manifest.FILE_NAME)),
                        newest(dir)));
            }
        } catch (IOException e) {
            throw new ToolException("cannot list " + base + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static Instant newest(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).map(FileTime::toInstant).orElse(Instant.EPOCH);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void delete(String artifact) {
        Path dir = base.resolve(artifact);
        try {
            // the manifest first: a deletion cut short leaves an incomplete artifact, never a damaged complete one
            Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
            Trees.delete(dir);
        } catch (IOException e) {
            throw new ToolException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(String artifact) {
        delete(artifact);
    }

    @Override
    public String describe() {
        return base.toString();
    }
}
