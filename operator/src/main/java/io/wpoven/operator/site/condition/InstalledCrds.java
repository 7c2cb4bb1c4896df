package io.wpoven.operator.site.condition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Whether a CRD of an optional add-on (cert-manager, the Prometheus Operator) exists. One watch per CRD name
 * answers from memory, so installing or removing the add-on is seen at a site's next reconcile.
 */
final class InstalledCrds {
    private static final Map<String, SharedIndexInformer<CustomResourceDefinition>> INFORMERS = new ConcurrentHashMap<>();

    private InstalledCrds() {
    }

    static boolean has(KubernetesClient client, String crd) {
        return !INFORMERS.computeIfAbsent(crd,
                name -> client.apiextensions().v1().customResourceDefinitions().withName(name).inform())
                .getStore().list().isEmpty();
    }
}
