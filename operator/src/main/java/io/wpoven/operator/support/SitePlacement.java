package io.wpoven.operator.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodAffinity;
import io.fabric8.kubernetes.api.model.PodAffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.PlacementSpec;

/**
 * A site's spec.placement on one pod: the scheduling fields only (node selector, tolerations, affinity, topology
 * spread, priority class), never security context, volumes or service account. The two places that build the site's
 * pod templates (site/dependent/Pods for its workloads, jobs/ToolPods for the tool's Jobs) call it, so every pod of
 * the site and of its Jobs runs in the site's pool. Copies: the site's spec objects are never shared into a pod.
 */
public final class SitePlacement {
    private SitePlacement() {
    }

    /**
     * Sets the placement of site on spec. An affinity the operator already put on spec (a tool Job's preference for
     * the WordPress pods' node) is kept beside the site's. A spread constraint without a labelSelector counts the pods
     * of ownPods (the pod's own component of this site).
     */
    public static PodSpecBuilder apply(WordPressSite site, PodSpecBuilder spec, Map<String, String> ownPods) {
        PlacementSpec placement = site.getSpec().getPlacement();
        if (placement == null) {
            return spec;
        }
        if (placement.getNodeSelector() != null && !placement.getNodeSelector().isEmpty()) {
            spec.withNodeSelector(new LinkedHashMap<>(placement.getNodeSelector()));
        }
        if (placement.getTolerations() != null) {
            placement.getTolerations().forEach(t -> spec.addToTolerations(new TolerationBuilder(t).build()));
        }
        Affinity affinity = merge(placement.getAffinity(), spec.buildAffinity());
        if (affinity != null) {
            spec.withAffinity(affinity);
        }
        if (placement.getTopologySpreadConstraints() != null) {
            for (TopologySpreadConstraint c : placement.getTopologySpreadConstraints()) {
                TopologySpreadConstraintBuilder copy = new TopologySpreadConstraintBuilder(c);
                if (c.getLabelSelector() == null) {
                    copy.withNewLabelSelector().withMatchLabels(new LinkedHashMap<>(ownPods)).endLabelSelector();
                }
                spec.addToTopologySpreadConstraints(copy.build());
            }
        }
        if (placement.getPriorityClassName() != null && !placement.getPriorityClassName().isBlank()) {
            spec.withPriorityClassName(placement.getPriorityClassName());
        }
        return spec;
    }

    /** The site's affinity with the operator's preferred pod-affinity terms added; null when neither has any. */
    static Affinity merge(Affinity site, Affinity operator) {
        if (site == null) {
            return operator;
        }
        AffinityBuilder merged = new AffinityBuilder(site);
        if (operator != null && operator.getPodAffinity() != null) {
            PodAffinity own = operator.getPodAffinity();
            PodAffinityBuilder pod = site.getPodAffinity() == null ? new PodAffinityBuilder()
                    : new PodAffinityBuilder(site.getPodAffinity());
            List<WeightedPodAffinityTerm> preferred = new ArrayList<>(pod.buildPreferredDuringSchedulingIgnoredDuringExecution() == null
                    ? List.of() : pod.buildPreferredDuringSchedulingIgnoredDuringExecution());
            if (own.getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
                preferred.addAll(own.getPreferredDuringSchedulingIgnoredDuringExecution());
            }
            merged.withPodAffinity(pod.withPreferredDuringSchedulingIgnoredDuringExecution(preferred).build());
        }
        return merged.build();
    }
}
