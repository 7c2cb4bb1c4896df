package io.wpoven.e2e.harness;

import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Installs and removes the reduced CRDs of optional add-ons (test resources), for the tests that need their API
 * without the add-on running. Removal waits until the API is gone, so later tests see a cluster without it.
 */
public final class TestCrds {
    private TestCrds() {
    }

    /** Installs the CRD from a test resource unless present; true when this call installed it. */
    public static boolean install(KubernetesClient client, String name, String resource) {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName(name).get() != null) {
            return false;
        }
        CustomResourceDefinition crd = crds.load(TestCrds.class.getResourceAsStream(resource)).item();
        client.resource(crd).forceConflicts().serverSideApply();
        crds.withName(name).waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                        .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")),
                30, TimeUnit.SECONDS);
        return true;
    }

    public static void remove(KubernetesClient client, String name) {
        var crd = client.apiextensions().v1().customResourceDefinitions().withName(name);
        crd.delete();
        crd.waitUntilCondition(c -> c == null, 60, TimeUnit.SECONDS);
    }
}
