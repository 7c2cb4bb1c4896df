package io.wpoven.operator.cache;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Ports;

/**
 * The Varnish pods a purge must reach: every ready one of the site's, by its pod IP (what the Service's endpoints
 * hold). Read when a purge runs, from the API server: a purge is rare, and the list is then never stale, which a
 * cached DNS answer or a watch of every pod in the cluster would cost more to get right.
 */
public final class VarnishReplicas {
    private VarnishReplicas() {
    }

    /** The site's ready Varnish pods, now. */
    public static List<CachePurger.Replica> ready(KubernetesClient client, WordPressSite site) {
        return of(client.pods().inNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.selector(site, Component.VARNISH)).list().getItems());
    }

    /** Ready pods with an address, not being deleted, by name. */
    static List<CachePurger.Replica> of(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty()
                        && Readiness.isPodReady(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> new CachePurger.Replica(p.getMetadata().getName(),
                        new InetSocketAddress(p.getStatus().getPodIP(), Ports.VARNISH)))
                .toList();
    }
}
