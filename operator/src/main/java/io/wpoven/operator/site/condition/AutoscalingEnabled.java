package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.Quiesce;

/** spec.autoscaling.enabled and the site not quiesced: an HPA scales WordPress. Where it does not hold, the dependent's object is deleted. */
public class AutoscalingEnabled implements Condition<Object, WordPressSite> {
    public static boolean holds(WordPressSite site) {
        return Boolean.TRUE.equals(site.getSpec().getAutoscaling().getEnabled()) && !Quiesce.active(site);
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site);
    }
}
