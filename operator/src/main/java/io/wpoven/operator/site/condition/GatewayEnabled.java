package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** spec.gateway.enabled: the site gets an HTTPRoute. Where it does not hold, the dependent's object is deleted. */
public class GatewayEnabled implements Condition<Object, WordPressSite> {
    public static boolean holds(WordPressSite site) {
        return site.getSpec().getGateway() != null && Boolean.TRUE.equals(site.getSpec().getGateway().getEnabled());
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site);
    }
}
