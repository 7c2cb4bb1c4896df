package io.wpoven.operator.backup.condition;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** A Backup with a schedule has a CronJob while its site exists and its storage overlaps no older Backup's. */
public class Scheduled implements Condition<CronJob, Backup> {
    @Override
    public boolean isMet(DependentResource<CronJob, Backup> dependent, Backup backup, Context<Backup> context) {
        return backup.getSpec().getSchedule() != null && context.getSecondaryResource(WordPressSite.class).isPresent()
                && io.wpoven.operator.backup.BackupReconciler.overlap(backup, context) == null;
    }
}
