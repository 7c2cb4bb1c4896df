package io.wpoven.operator.site.condition;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.MonitoringSpec;

/** spec.monitoring.exporters.enabled: the pods carry exporter sidecars and the Services their metrics ports. */
public final class ExportersEnabled {
    private ExportersEnabled() {
    }

    public static boolean holds(WordPressSite site) {
        MonitoringSpec monitoring = site.getSpec().getMonitoring();
        return monitoring != null && monitoring.getExporters() != null
                && Boolean.TRUE.equals(monitoring.getExporters().getEnabled());
    }
}
