package io.wpoven.operator.api.v1alpha1.spec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

/**
 * Where the site's pods run: a server pool. The same scheduling fields on every pod of the site and of its Jobs
 * (support/SitePlacement applies them); they are the pod spec's own types, so `kubectl explain pod.spec.affinity`
 * describes them. The cluster's own taints and system priority classes are the platform's, refused at apply.
 */
@JsonClassDescription("Where the site's pods run (a server pool): node selector, tolerations, affinity, topology spread"
        + " and priority class on every pod of the site and of its Jobs.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlacementSpec {

    /** Taint keys the cluster itself sets: control-plane nodes, and nodes that are cordoned, not ready or short of a resource. */
    static final String CLUSTER_TAINTS = "self.all(t, has(t.key) && t.key != ''"
            + " && !t.key.startsWith('node-role.kubernetes.io/') && !t.key.startsWith('node.kubernetes.io/'))";

    @Size(max = 16)
    @JsonPropertyDescription("Labels a node must have to run the site's pods, e.g. {wpoven.io/pool: premium}"
            + " (pod.spec.nodeSelector).")
    private Map<String, String> nodeSelector;

    @Size(max = 16)
    @ValidationRule(value = CLUSTER_TAINTS, message = "tolerations must name a taint key, and not one of the cluster's own"
            + " (node-role.kubernetes.io/*, node.kubernetes.io/*: control-plane, cordoned or failing nodes)")
    @JsonPropertyDescription("Taints of the pool's nodes the site's pods tolerate (pod.spec.tolerations). Each names a"
            + " key; the cluster's own taints (node-role.kubernetes.io/*, node.kubernetes.io/*) cannot be tolerated.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node affinity and pod (anti-)affinity of the site's pods (pod.spec.affinity). The tool"
            + " Jobs keep their own preference for the node of the site's WordPress pods beside it.")
    private Affinity affinity;

    @Size(max = 8)
    @JsonPropertyDescription("How each component's pods spread over zones or nodes (pod.spec.topologySpreadConstraints)."
            + " A constraint without a labelSelector counts the pods of the same component of this site.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    @ValidationRule(value = "!self.startsWith('system-')", message = "priority classes system-* are the cluster's own")
    @JsonPropertyDescription("The PriorityClass of the site's pods (pod.spec.priorityClassName): one the platform"
            + " allows (policy.allowedPriorityClasses), never a system-* class.")
    private String priorityClassName;

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }
}
