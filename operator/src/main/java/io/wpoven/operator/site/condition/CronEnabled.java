package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CronSpec;

/** spec.wordpress.cron.enabled (default on): the site has a wp-cron CronJob. Turning it off deletes the CronJob. */
public class CronEnabled implements Condition<Object, WordPressSite> {
    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site);
    }

    public static boolean holds(WordPressSite site) {
        return CronSpec.enabled(site.getSpec().getWordpress().getCron());
    }
}
