package io.wpoven.operator.dashboard.pods;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/** A site's pods as a user's client lists them, by the selector labels every site pod carries (support/Labels). */
public final class SitePods {
    private SitePods() {
    }

    /** The site's pods of that component that are not being deleted. */
    public static List<Pod> of(KubernetesClient client, String namespace, String site, Component component) {
        return client.pods().inNamespace(namespace)
                .withLabels(Map.of(Labels.NAME, "wordpress", Labels.INSTANCE, site, Labels.COMPONENT, component.label()))
                .list().getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** Every pod of the site (all components) that is not being deleted. */
    public static List<Pod> all(KubernetesClient client, String namespace, String site) {
        return client.pods().inNamespace(namespace).withLabels(Map.of(Labels.NAME, "wordpress", Labels.INSTANCE, site))
                .list().getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** A ready pod of the component, the oldest first (the one least likely to be on its way out). */
    public static java.util.Optional<Pod> firstReady(KubernetesClient client, String namespace, String site,
            Component component) {
        return of(client, namespace, site, component).stream().filter(Readiness::isPodReady)
                .min(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())
                        .thenComparing(p -> p.getMetadata().getName()));
    }
}
