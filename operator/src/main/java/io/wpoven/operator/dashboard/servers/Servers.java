package io.wpoven.operator.dashboard.servers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.operator.dashboard.pods.SitePods;
import io.wpoven.operator.support.Labels;

/**
 * The dashboard's servers page: the nodes (readiness, capacity, what is left to schedule, pods, labels and taints) and
 * which sites run where, from the site pods' labels (app.kubernetes.io/instance is the site). With the signed-in
 * user's client: listing nodes needs the cluster-scoped nodes list (not in the built-in edit or view roles); without
 * it the sites are still grouped by node name from the pods, and the answer says the nodes are hidden.
 */
public final class Servers {
    /** The key of sitesByNode for pods not yet placed on a node. */
    public static final String UNSCHEDULED = "";

    /** CPU in millicores and memory in bytes, as Kubernetes counts them. */
    public record Resources(long cpuMillis, long memoryBytes) {
    }

    /**
     * A node: ready (its Ready condition), unschedulable (cordoned), capacity and allocatable, podCapacity (the most
     * pods it takes), pods (the pods on it the user can see), labels (without the kubernetes.io/hostname noise),
     * taints as key=value:Effect.
     */
    public record Server(String name, boolean ready, boolean unschedulable, Resources capacity, Resources allocatable,
            long podCapacity, int pods, Map<String, String> labels, List<String> taints) {
    }

    /** One pod of a site: component is the app.kubernetes.io/component label (proxy, varnish, wordpress, …). */
    public record SitePod(String name, String component, String phase, boolean ready) {
    }

    public record SiteOnServer(String namespace, String site, List<SitePod> pods) {
    }

    /**
     * nodes is empty and nodesHidden true when the user may not list nodes (nodesMessage: the API server's answer);
     * sitesByNode maps a node name (or {@link #UNSCHEDULED}) to the sites with pods there.
     */
    public record Overview(List<Server> nodes, boolean nodesHidden, String nodesMessage,
            Map<String, List<SiteOnServer>> sitesByNode) {
    }

    private final KubernetesClient client;

    /** @param client the signed-in user's client (never the operator's) */
    public Servers(KubernetesClient client) {
        this.client = client;
    }

    /** Nodes and the sites of every namespace (the user must be allowed to list pods in all namespaces). */
    public Overview overview() {
        return overview(client.pods().inAnyNamespace().list().getItems());
    }

    /** Nodes and the sites of one namespace (pod counts then count only that namespace's pods). */
    public Overview overview(String namespace) {
        return overview(client.pods().inNamespace(namespace).list().getItems());
    }

    private Overview overview(List<Pod> pods) {
        List<Pod> live = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        Map<String, List<SiteOnServer>> sites = sitesByNode(live);
        try {
            Map<String, Integer> counts = new TreeMap<>();
            live.forEach(p -> counts.merge(nodeOf(p), 1, Integer::sum));
            List<Server> nodes = client.nodes().list().getItems().stream().map(n -> server(n, counts))
                    .sorted(Comparator.comparing(Server::name)).toList();
            return new Overview(nodes, false, "", sites);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            String message = io.wpoven.operator.dashboard.pods.PodExec.apiMessage(e);
            return new Overview(List.of(), true, "nodes are hidden: " + message, sites);
        }
    }

    /** Site pods (name=wordpress, instance=<site>) grouped by node, then by namespace and site. */
    static Map<String, List<SiteOnServer>> sitesByNode(List<Pod> pods) {
        Map<String, Map<String, List<SitePod>>> byNode = new TreeMap<>();
        for (Pod p : pods) {
            Map<String, String> labels = p.getMetadata().getLabels();
            if (labels == null || !"wordpress".equals(labels.get(Labels.NAME)) || labels.get(Labels.INSTANCE) == null) {
                continue;
            }
            String key = p.getMetadata().getNamespace() + "/" + labels.get(Labels.INSTANCE);
            byNode.computeIfAbsent(nodeOf(p), n -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new SitePod(p.getMetadata().getName(), labels.getOrDefault(Labels.COMPONENT, ""),
                            p.getStatus() == null ? "" : p.getStatus().getPhase(), Readiness.isPodReady(p)));
        }
        Map<String, List<SiteOnServer>> result = new LinkedHashMap<>();
        byNode.forEach((node, sites) -> result.put(node, sites.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("/", 2);
            List<SitePod> sorted = e.getValue().stream()
                    .sorted(Comparator.comparing(SitePod::component).thenComparing(SitePod::name)).toList();
            return new SiteOnServer(parts[0], parts[1], sorted);
        }).toList()));
        return result;
    }

    private static String nodeOf(Pod p) {
        return p.getSpec() == null || p.getSpec().getNodeName() == null ? UNSCHEDULED : p.getSpec().getNodeName();
    }

    static Server server(Node n, Map<String, Integer> podCounts) {
        String name = n.getMetadata().getName();
        boolean ready = Readiness.isNodeReady(n);
        Map<String, Quantity> capacity = n.getStatus() == null ? null : n.getStatus().getCapacity();
        Map<String, Quantity> allocatable = n.getStatus() == null ? null : n.getStatus().getAllocatable();
        Map<String, String> labels = new TreeMap<>(n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels());
        labels.remove("kubernetes.io/hostname");
        labels.remove("beta.kubernetes.io/arch");
        labels.remove("beta.kubernetes.io/os");
        List<String> taints = n.getSpec() == null || n.getSpec().getTaints() == null ? List.of()
                : n.getSpec().getTaints().stream().map(Servers::taint).toList();
        return new Server(name, ready, n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable()),
                resources(capacity), resources(allocatable), amount(capacity, "pods", 1), podCounts.getOrDefault(name, 0),
                labels, taints);
    }

    private static String taint(Taint t) {
        return t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":" + t.getEffect();
    }

    private static Resources resources(Map<String, Quantity> quantities) {
        return new Resources(amount(quantities, "cpu", 1000), amount(quantities, "memory", 1));
    }

    /** The quantity in the given unit (1000: milli), 0 when absent. */
    private static long amount(Map<String, Quantity> quantities, String key, long scale) {
        if (quantities == null || quantities.get(key) == null) {
            return 0;
        }
        return quantities.get(key).getNumericalAmount().multiply(java.math.BigDecimal.valueOf(scale)).longValue();
    }
}
