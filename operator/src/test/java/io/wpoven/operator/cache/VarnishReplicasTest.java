package io.wpoven.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** The pods a purge reaches: ready ones with an address, not being deleted. */
class VarnishReplicasTest {

    @Test
    void everyReadyVarnishPodByItsAddress() {
        List<CachePurger.Replica> replicas = VarnishReplicas.of(List.of(
                pod("blog-varnish-b", "10.0.0.2", "True", false),
                pod("blog-varnish-a", "10.0.0.1", "True", false),
                pod("blog-varnish-starting", "10.0.0.3", "False", false),
                pod("blog-varnish-leaving", "10.0.0.4", "True", true),
                pod("blog-varnish-pending", null, "False", false)));
        assertThat(replicas).extracting(CachePurger.Replica::toString)
                .containsExactly("blog-varnish-a (10.0.0.1:6081)", "blog-varnish-b (10.0.0.2:6081)");
    }

    private static Pod pod(String name, String ip, String ready, boolean deleting) {
        return new PodBuilder().withNewMetadata().withName(name)
                .withDeletionTimestamp(deleting ? "2026-01-01T00:00:00Z" : null).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus().build();
    }
}
