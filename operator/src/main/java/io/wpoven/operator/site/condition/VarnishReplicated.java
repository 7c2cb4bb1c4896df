package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CacheSpec;

/** spec.cache.replicas of 2 or more: a PodDisruptionBudget keeps one Varnish pod. Where it does not hold, it is deleted. */
public class VarnishReplicated implements Condition<Object, WordPressSite> {
    public static boolean holds(WordPressSite site) {
        return CacheSpec.replicas(site.getSpec().getCache()) >= 2;
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site);
    }
}
