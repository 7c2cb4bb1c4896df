package io.wpoven.operator.restore;

import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolPods.Command;
import io.wpoven.operator.jobs.ToolPods.Storage;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** The two Jobs of a Restore: a safety backup of the target site, then the restore itself. Pure builders. */
final class RestoreJobs {
    private RestoreJobs() {
    }

    static final String RESTORE_LABEL = "wpoven.io/restore";

    /** Backs the target site up into the Backup's storage as artifact <restore>-safety, whole (database and files). */
    static Job safety(Restore restore, Backup backup, WordPressSite target, ToolJobSettings tool) {
        ToolPods.Builder pod = ToolPods.builder(tool, Command.BACKUP, target, labels(restore))
                .env("ARTIFACT_NAME", Names.restoreSafetyJob(restore))
                .include(new BackupContentSpec(true, true))
                .env("COMPRESSION", "gzip")
                .storage(Storage.of(backup.getSpec(), backup.getMetadata().getNamespace(), backup.getMetadata().getName()))
                .database("", target)
                .files("FILES_DIR", target, true);
        return job(Names.restoreSafetyJob(restore), restore, target, pod, backup);
    }

    /**
     * Restores the artifact into the target site. Into another site than the backup's, URLs are rewritten from
     * the source site's address to the target's.
     */
    static Job restore(Restore restore, Backup backup, WordPressSite target, String artifact, String sourceAddress,
            ToolJobSettings tool) {
        BackupContentSpec include = restore.getSpec().getInclude() == null ? new BackupContentSpec()
                : restore.getSpec().getInclude();
        ToolPods.Builder pod = ToolPods.builder(tool, Command.RESTORE, target, labels(restore))
                .env("ARTIFACT_NAME", artifact)
                .include(include)
                .storage(Storage.of(backup.getSpec(), backup.getMetadata().getNamespace(), backup.getMetadata().getName()))
                .database("", target)
                .files("FILES_DIR", target, false);
        String targetAddress = ToolPods.siteAddress(target);
        if (sourceAddress != null && !sourceAddress.equals(targetAddress)) {
            pod.env("FROM_URL", sourceAddress).env("TO_URL", targetAddress);
        }
        return job(Names.restoreJob(restore), restore, target, pod, backup);
    }

    private static Map<String, String> labels(Restore restore) {
        return Map.of(RESTORE_LABEL, restore.getMetadata().getName());
    }

    private static Job job(String name, Restore restore, WordPressSite target, ToolPods.Builder pod, Backup backup) {
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(restore.getMetadata().getNamespace())
                .withLabels(Labels.of(target, Component.TOOL))
                .addToLabels(labels(restore))
                .endMetadata()
                .withSpec(pod.jobSpec(backup.getSpec().getTimeoutSeconds() == null ? 3600 : backup.getSpec().getTimeoutSeconds()))
                .build();
        job.addOwnerReference(restore);
        return job;
    }
}
