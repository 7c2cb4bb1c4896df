package io.wpoven.e2e.harness;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The Prometheus Operator's ServiceMonitor API (a reduced copy of its CRD, test resource servicemonitor-crd.yaml). */
public final class ServiceMonitorCrd {
    public static final String NAME = "servicemonitors.monitoring.coreos.com";

    private ServiceMonitorCrd() {
    }

    /** Installs the CRD unless present; true when this call installed it. */
    public static boolean install(KubernetesClient client) {
        return TestCrds.install(client, NAME, "/servicemonitor-crd.yaml");
    }

    public static void remove(KubernetesClient client) {
        TestCrds.remove(client, NAME);
    }
}
