package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SecuritySpec;

/** spec.security.egress: Restricted. Back to Open deletes the site's egress NetworkPolicy. */
public class EgressRestricted implements Condition<Object, WordPressSite> {
    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return SecuritySpec.egressRestricted(site.getSpec().getSecurity());
    }
}
