package io.wpoven.e2e.harness;

import io.fabric8.kubernetes.client.KubernetesClient;

/** cert-manager's Certificate API (a reduced copy of its CRD, test resource cert-manager-certificate-crd.yaml). */
public final class CertManagerCrd {
    public static final String NAME = "certificates.cert-manager.io";
    public static final String ISSUERS = "issuers.cert-manager.io";

    private CertManagerCrd() {
    }

    /** Installs the CRD unless present; true when this call installed it. */
    public static boolean install(KubernetesClient client) {
        return TestCrds.install(client, NAME, "/cert-manager-certificate-crd.yaml");
    }

    public static void remove(KubernetesClient client) {
        TestCrds.remove(client, NAME);
    }

    /** cert-manager's Issuer API (test resource cert-manager-issuer-crd.yaml); true when this call installed it. */
    public static boolean installIssuers(KubernetesClient client) {
        return TestCrds.install(client, ISSUERS, "/cert-manager-issuer-crd.yaml");
    }

    public static void removeIssuers(KubernetesClient client) {
        TestCrds.remove(client, ISSUERS);
    }
}
