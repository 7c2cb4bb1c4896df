package io.wpoven.operator.site;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;

/** A site whose pods no node fits says so in Ready, in the scheduler's words. */
class SchedulingProblemsTest {
    static final String NO_FIT = "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector.";

    static Pod pod(String name, String phase, String scheduledReason, String message) {
        var b = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec()
                .withNewStatus().withPhase(phase);
        if (scheduledReason != null) {
            b.addNewCondition().withType("PodScheduled").withStatus("Unschedulable".equals(scheduledReason) ? "False" : "True")
                    .withReason(scheduledReason).withMessage(message).endCondition();
        }
        return b.endStatus().build();
    }

    static Deployment deploy(int replicas, int ready) {
        return new DeploymentBuilder().withNewMetadata().withGeneration(1L).endMetadata().withNewSpec()
                .withReplicas(replicas).endSpec().withNewStatus().withObservedGeneration(1L).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withReadyReplicas(ready).endStatus().build();
    }

    static SiteStatusBuilder.Observed observed(int readyWordPress) {
        return new SiteStatusBuilder.Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, readyWordPress)), Optional.of(deploy(1, 1)),
                Optional.of(new StatefulSetBuilder().withNewMetadata().withGeneration(1L).endMetadata().withNewStatus()
                        .withObservedGeneration(1L).withReadyReplicas(1).withCurrentRevision("r").withUpdateRevision("r")
                        .endStatus().build()),
                Optional.of(new JobBuilder().withNewStatus().withSucceeded(1).endStatus().build()), false,
                Optional.empty(), null);
    }

    @Test
    void theSchedulersReasonForEachPodItCannotPlace() {
        assertThat(SchedulingProblems.of(List.of(pod("blog-proxy-1", "Running", "Scheduled", null)))).isNull();
        String message = SchedulingProblems.of(List.of(pod("blog-wordpress-1", "Pending", "Unschedulable", NO_FIT),
                pod("blog-proxy-1", "Running", "Scheduled", null)));
        assertThat(message).isEqualTo("No node fits pod blog-wordpress-1: " + NO_FIT + " (spec.placement chooses the nodes)");
        List<Pod> many = IntStream.range(0, 5).mapToObj(i -> pod("p" + i, "Pending", "Unschedulable", "x")).toList();
        assertThat(SchedulingProblems.of(many)).as("three, then a count").contains("pod p0: x; pod p1: x; pod p2: x; and 2 more");
    }

    @Test
    void aPodTheSchedulerHasNotDecidedOnYetIsLookedAtAgain() {
        assertThat(SchedulingProblems.undecided(List.of(pod("new", "Pending", null, null)))).isTrue();
        assertThat(SchedulingProblems.undecided(List.of(pod("stuck", "Pending", "Unschedulable", NO_FIT)))).isFalse();
        assertThat(SchedulingProblems.undecided(List.of())).isFalse();
    }

    @Test
    void onlyASiteShortOfReadyPodsIsLookedAtAndItsReadySaysWhy() {
        assertThat(SchedulingProblems.worthLooking(observed(1))).as("all ready: no pod list").isFalse();
        assertThat(SchedulingProblems.worthLooking(observed(0))).isTrue();

        String why = SchedulingProblems.of(List.of(pod("blog-wordpress-1", "Pending", "Unschedulable", NO_FIT)));
        WordPressSiteStatus status = new SiteStatusBuilder(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build(site("blog", "blog.example.com"), observed(0).unschedulable(why));
        var ready = status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Unschedulable");
        assertThat(ready.getMessage()).startsWith("Not ready: WebReady").contains("No node fits pod blog-wordpress-1", NO_FIT);
    }
}
