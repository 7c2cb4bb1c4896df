package io.wpoven.e2e.harness;

import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * cert-manager's Certificate API (a reduced copy of its CRD, test resource cert-manager-certificate-crd.yaml)
 * for the tests that need it. Removal waits until the API is gone, so later tests see a cluster without it.
 */
public final class CertManagerCrd {
    public static final String NAME = "certificates.cert-manager.io";

    private CertManagerCrd() {
    }

    /** Installs the CRD unless present; true when this call installed it. */
    public static boolean install(KubernetesClient client) {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName(NAME).get() != null) {
            return false;
        }
        CustomResourceDefinition crd = crds.load(CertManagerCrd.class.getResourceAsStream("/cert-manager-certificate-crd.yaml")).item();
        client.resource(crd).forceConflicts().serverSideApply();
        crds.withName(NAME).waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                        .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")),
                30, TimeUnit.SECONDS);
        return true;
    }

    public static void remove(KubernetesClient client) {
        var crd = client.apiextensions().v1().customResourceDefinitions().withName(NAME);
        crd.delete();
        crd.waitUntilCondition(c -> c == null, 60, TimeUnit.SECONDS);
    }
}
