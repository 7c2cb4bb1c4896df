package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.events;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Stability;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.CachePurgeStatus;

/**
 * One-click purge is a request on the site (annotation), answered once in status.cachePurge and an Event.
 * Here the operator runs outside the cluster and KWOK pods serve nothing, so Varnish cannot be reached and
 * the truthful answer is Failed with the reason; the purge itself is proven on a real Varnish by the stack
 * test (io.wpoven.e2e.stack) and CachePurgeRequestsTest.
 */
@E2eTest
class CachePurgeIT {

    @Test
    void aPurgeRequestIsAnsweredOnceInStatusAndAnEvent(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");

        // a merge patch, as kubectl annotate sends: no conflict with the operator's own writes
        ns.site("blog").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"wpoven.io/purge-cache\":\"req-1\"}}}");

        CachePurgeStatus answer = within(Duration.ofSeconds(30)).alias("status.cachePurge answers req-1")
                .until(() -> ns.site("blog").get().getStatus().getCachePurge(),
                        c -> c != null && "req-1".equals(c.getRequest()));
        assertThat(answer.getOutcome()).isEqualTo("Failed");
        // every ready Varnish pod is purged by its address: the simulated one is named, and cannot be reached
        assertThat(answer.getMessage()).startsWith("blog-varnish-");
        assertThat(answer.getTime()).isNotBlank();
        long failures = Stability.awaitStable("purge answered once", () -> events(ns, "blog").stream()
                .filter(e -> e.getReason().equals("CachePurgeFailed")).count(), Duration.ofSeconds(10), Duration.ofSeconds(40));
        assertThat(failures).as("one request, one attempt, one event").isEqualTo(1);
        assertThat(io.wpoven.e2e.harness.Sites.isTrue(ns.site("blog").get(), "Ready")).isTrue();
    }
}
