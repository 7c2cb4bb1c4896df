package io.wpoven.operator.backup.condition;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** A Backup without a schedule runs one Job, once its site exists and its storage overlaps no older Backup's; the Job then stays as the record of the run. */
public class OnDemand implements Condition<Job, Backup> {
    @Override
    public boolean isMet(DependentResource<Job, Backup> dependent, Backup backup, Context<Backup> context) {
        return backup.getSpec().getSchedule() == null
                && (context.getSecondaryResource(WordPressSite.class).isPresent()
                        && io.wpoven.operator.backup.BackupReconciler.overlap(backup, context) == null
                        || dependent.getSecondaryResource(backup, context).isPresent());
    }
}
