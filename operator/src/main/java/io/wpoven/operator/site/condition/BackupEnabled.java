package io.wpoven.operator.site.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** spec.backup is set: the site has a scheduled Backup. Removing it deletes that Backup (its artifacts stay). */
public class BackupEnabled implements Condition<Object, WordPressSite> {
    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return site.getSpec().getBackup() != null;
    }
}
