package io.wpoven.operator.site;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Labels;

/**
 * The site's pods the scheduler finds no node for (a spec.placement no node fits, a full pool), in the site's Ready
 * message: the scheduler's own words, so the owner need not read the pods' events. Looked up (one list of the site's
 * pods) only while one of its workloads has fewer ready pods than it wants.
 */
public final class SchedulingProblems {
    private SchedulingProblems() {
    }

    static final int SHOWN = 3;

    /** A workload of the site has fewer ready pods than it wants: its pods may be waiting for a node. */
    static boolean worthLooking(SiteStatusBuilder.Observed o) {
        boolean deployments = Stream.of(o.proxy(), o.varnish(), o.wordpress(), o.redis()).flatMap(Optional::stream)
                .anyMatch(SchedulingProblems::wantsMore);
        return deployments || o.mariadb().map(s -> s.getStatus() == null
                || Optional.ofNullable(s.getStatus().getReadyReplicas()).orElse(0) < 1).orElse(false);
    }

    private static boolean wantsMore(Deployment d) {
        int want = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        int ready = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
        return ready < want;
    }

    /** The site's pods (its workloads' and its Jobs'), from the API server's watch cache (resourceVersion 0). */
    static List<Pod> pods(KubernetesClient client, WordPressSite site) {
        return client.pods().inNamespace(site.getMetadata().getNamespace()).list(new ListOptionsBuilder()
                .withLabelSelector(Labels.INSTANCE + "=" + site.getMetadata().getName() + "," + Labels.MANAGED_SELECTOR)
                .withResourceVersion("0").build()).getItems();
    }

    /** What the scheduler says of the pods it could not place, or null when it placed (or has not tried) them all. */
    static String of(List<Pod> pods) {
        List<String> waiting = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .flatMap(p -> unschedulable(p).map(c -> "pod " + p.getMetadata().getName() + ": " + c.getMessage()).stream())
                .sorted().toList();
        if (waiting.isEmpty()) {
            return null;
        }
        String shown = String.join("; ", waiting.subList(0, Math.min(SHOWN, waiting.size())))
                + (waiting.size() > SHOWN ? "; and " + (waiting.size() - SHOWN) + " more" : "");
        return "No node fits " + shown + " (spec.placement chooses the nodes)";
    }

    /** A pod still Pending that the scheduler has not decided on yet: look again soon. */
    static boolean undecided(List<Pod> pods) {
        return pods.stream().anyMatch(p -> p.getStatus() != null && "Pending".equals(p.getStatus().getPhase())
                && (p.getSpec() == null || p.getSpec().getNodeName() == null)
                && conditions(p).noneMatch(c -> "PodScheduled".equals(c.getType())));
    }

    private static Optional<PodCondition> unschedulable(Pod p) {
        return conditions(p).filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                && "Unschedulable".equals(c.getReason())).findFirst();
    }

    private static Stream<PodCondition> conditions(Pod p) {
        return p.getStatus() == null || p.getStatus().getConditions() == null ? Stream.empty()
                : p.getStatus().getConditions().stream();
    }
}
