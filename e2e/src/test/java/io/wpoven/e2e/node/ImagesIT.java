package io.wpoven.e2e.node;

import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.DockerEngine;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.stack.RawHttp;

/**
 * The project's images (images/) against their contract (docs/images.md: users, binaries, paths, ports), and run as
 * plain containers through Testcontainers on the harness's own dockerd. Runs with WPOVEN_REAL_NODE=1 (hack/test.sh).
 */
@Exclusive.RealNode
class ImagesIT {

    @BeforeAll
    static void imagesEnabled() {
        assumeTrue(RealNode.enabled(), "the project's images are built with the real node (WPOVEN_REAL_NODE=1)");
    }

    @Test
    void everyImageMeetsTheContract() {
        RealNode.get(); // builds what changed and loads it
        Commands.Result check = Commands.run(Duration.ofMinutes(5), null, "hack/images.sh", "check");
        System.out.println(check.out() + check.err());
        assertThat(check.exit()).as("hack/images.sh check\n%s", check.err()).isZero();
    }

    @Test
    void theNginxImageServesAsAContainerThroughTestcontainers() {
        assumeTrue(DockerEngine.testcontainersReady(),
                "Testcontainers needs DOCKER_HOST=" + DockerEngine.start()
                        + ", TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (hack/test.sh)");
        String image = RealNode.get().image("nginx");
        try (GenericContainer<?> nginx = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(8080).withCreateContainerCmdModifier(c -> c.withUser("101:101"))
                .waitingFor(Wait.forHttp("/healthz").forPort(8080))) {
            nginx.start();
            RawHttp.Response response = RawHttp.exchange(nginx.getHost(), nginx.getMappedPort(8080),
                    RawHttp.request("GET", "/healthz", List.of(Map.entry("Host", "localhost")), null), false,
                    Duration.ofSeconds(10));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("ok\n");
        }
    }
}
