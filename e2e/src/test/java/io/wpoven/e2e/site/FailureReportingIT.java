package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.condition;
import static io.wpoven.e2e.harness.Sites.events;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Stability;
import io.wpoven.e2e.harness.TestNamespace;

/** What only the operator can detect goes into status and an Event; it never crashes or hot-loops on it. */
@E2eTest
class FailureReportingIT {

    @Test
    void aChangeTheClusterRefusesIsReportedAndClearsWhenUndone(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");

        // PersistentVolumeClaims never shrink: the API server refuses the operator's update
        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  storage: {size: 1Gi}\n");

        within(Duration.ofSeconds(30)).alias("Degraded=True ReconcileError").until(() -> {
            Condition d = condition(ns.site("blog").get(), "Degraded");
            return d != null && d.getStatus().equals("True") && d.getReason().equals("ReconcileError");
        });
        assertThat(condition(ns.site("blog").get(), "Degraded").getMessage())
                .contains("content: PersistentVolumeClaim \"blog-content\" is invalid: spec.resources.requests.storage");
        within(Duration.ofSeconds(10)).alias("a Warning event").until(() -> events(ns, "blog").stream()
                .anyMatch(e -> e.getType().equals("Warning") && e.getReason().equals("ReconcileFailed")));
        // retries back off and stop: the number of failure events settles instead of growing
        long settled = Stability.awaitStable("failure events stop growing", () -> failureEvents(ns),
                Duration.ofSeconds(15), Duration.ofSeconds(90));
        assertThat(settled).as("failure events").isBetween(1L, 6L);
        assertThat(OperatorProcess.get().isAlive()).isTrue();

        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  storage: {size: 5Gi}\n");
        within(Duration.ofSeconds(60)).alias("a later success clears the failure").until(() -> {
            Condition d = condition(ns.site("blog").get(), "Degraded");
            return d != null && d.getStatus().equals("False");
        });
        awaitReady(ns, "blog");
    }

    private static long failureEvents(TestNamespace ns) {
        return events(ns, "blog").stream().filter(e -> e.getReason().equals("ReconcileFailed")).count();
    }
}
