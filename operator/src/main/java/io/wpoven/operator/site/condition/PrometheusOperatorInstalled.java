package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** The Prometheus Operator's ServiceMonitor CRD exists; without it the ServiceMonitor dependent stays inactive. */
public class PrometheusOperatorInstalled implements Condition<Object, WordPressSite> {
    public static final String CRD = "servicemonitors.monitoring.coreos.com";

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return InstalledCrds.has(context.getClient(), CRD);
    }
}
