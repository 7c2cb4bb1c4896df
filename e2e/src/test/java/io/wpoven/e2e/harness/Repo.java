package io.wpoven.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository the tests run from. */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        String fromMaven = System.getProperty("wpoven.repo");
        Path p = fromMaven != null ? Path.of(fromMaven) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(p.resolve("crds"))) {
            throw new IllegalStateException("cannot find the repository root (no crds/ in " + p + ")");
        }
        return p;
    }

    public static Path crds() {
        return root().resolve("crds");
    }

    public static Path target() {
        return root().resolve("e2e/target");
    }
}
