package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.MonitoringSpec;

/** spec.monitoring.serviceMonitor.enabled with exporters to scrape. Where it does not hold, the ServiceMonitor is deleted. */
public class ServiceMonitorEnabled implements Condition<Object, WordPressSite> {
    public static boolean holds(WordPressSite site) {
        MonitoringSpec monitoring = site.getSpec().getMonitoring();
        return ExportersEnabled.holds(site) && monitoring.getServiceMonitor() != null
                && Boolean.TRUE.equals(monitoring.getServiceMonitor().getEnabled());
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site);
    }
}
