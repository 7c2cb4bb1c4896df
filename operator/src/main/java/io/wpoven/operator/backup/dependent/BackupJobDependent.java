package io.wpoven.operator.backup.dependent;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.backup.BackupJobs;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/** The single run of a Backup without a schedule. Create-only: a Job is a record of what ran. */
public class BackupJobDependent extends KubernetesDependentResource<Job, Backup>
        implements Creator<Job, Backup>, GarbageCollected<Backup> {
    @Inject
    OperatorConfig config;

    @Override
    protected Job desired(Backup backup, Context<Backup> context) {
        WordPressSite site = context.getSecondaryResource(WordPressSite.class).orElseThrow();
        return new JobBuilder()
                .withNewMetadata()
                .withName(Names.backupJob(backup))
                .withNamespace(backup.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.TOOL))
                .addToLabels(BackupJobs.labels(backup))
                .endMetadata()
                .withSpec(BackupJobs.run(backup, site, ToolJobSettings.of(config)))
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(Backup backup, Context<Backup> context) {
        return new ResourceID(Names.backupJob(backup), backup.getMetadata().getNamespace());
    }
}
