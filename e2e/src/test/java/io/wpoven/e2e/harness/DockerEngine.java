package io.wpoven.e2e.harness;

import java.time.Duration;

import org.testcontainers.DockerClientFactory;

/**
 * Debian's dockerd with its own data root, socket and bridge (hack/lib/dockerd.sh), the engine the project's images
 * are built with. The harness starts it; Testcontainers reaches it when DOCKER_HOST names its socket, Ryuk is off
 * (TESTCONTAINERS_RYUK_DISABLED=true: Ryuk's image cannot be pulled here) and TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
 * (published ports are on loopback only; Testcontainers would take this VM for a container and use the bridge's
 * gateway) — hack/test.sh exports all three.
 */
public final class DockerEngine {
    private DockerEngine() {
    }

    /** Starts the engine unless it answers; its DOCKER_HOST. */
    public static String start() {
        return Cluster.run(Duration.ofMinutes(2), Repo.root().resolve("hack/lib/dockerd.sh").toString(), "up").trim();
    }

    /** Testcontainers talks to the harness's engine (not to some other Docker of the machine). */
    public static boolean testcontainersReady() {
        String host = start();
        return host.equals(System.getenv("DOCKER_HOST")) && "true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))
                && "127.0.0.1".equals(System.getenv("TESTCONTAINERS_HOST_OVERRIDE"))
                && DockerClientFactory.instance().isDockerAvailable();
    }
}
