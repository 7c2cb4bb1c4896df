package io.wpoven.operator.backup.dependent;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.backup.BackupJobs;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/** The CronJob of a scheduled Backup: one Job per run, never two at once. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends CRUDKubernetesDependentResource<CronJob, Backup> {
    @Inject
    OperatorConfig config;

    public BackupCronJobDependent() {
        super(CronJob.class);
    }

    @Override
    protected CronJob desired(Backup backup, Context<Backup> context) {
        return cronJob(backup, context.getSecondaryResource(WordPressSite.class).orElseThrow(), ToolJobSettings.of(config));
    }

    /** The CronJob of a scheduled Backup: its schedule in its time zone, one run at a time. */
    public static CronJob cronJob(Backup backup, WordPressSite site, ToolJobSettings tool) {
        return new CronJobBuilder()
                .withNewMetadata()
                .withName(Names.backupCronJob(backup))
                .withNamespace(backup.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.TOOL))
                .addToLabels(BackupJobs.labels(backup))
                .endMetadata()
                .withNewSpec()
                .withSchedule(backup.getSpec().getSchedule())
                .withTimeZone(backup.getSpec().getTimeZone())
                .withSuspend(Boolean.TRUE.equals(backup.getSpec().getSuspend()))
                .withConcurrencyPolicy("Forbid")
                // a run missed by more than this (controller down) is skipped rather than started late
                .withStartingDeadlineSeconds(600L)
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(3)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(Labels.of(site, Component.TOOL)).addToLabels(BackupJobs.labels(backup)).endMetadata()
                .withSpec(BackupJobs.run(backup, site, tool))
                .endJobTemplate()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(Backup backup, Context<Backup> context) {
        return new ResourceID(Names.backupCronJob(backup), backup.getMetadata().getNamespace());
    }
}
