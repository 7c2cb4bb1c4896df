package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;

/** spec.access.basicAuth: the proxy asks for the generated user and password. */
public class BasicAuthEnabled implements Condition<Object, WordPressSite> {
    public static boolean holds(WordPressSite site) {
        return AccessSpec.basicAuthOn(site.getSpec().getAccess());
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site);
    }
}
