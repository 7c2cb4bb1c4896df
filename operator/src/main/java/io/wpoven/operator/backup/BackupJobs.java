package io.wpoven.operator.backup;

import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.RetentionSpec;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolPods.Command;
import io.wpoven.operator.jobs.ToolPods.Storage;

/** The Job a backup run is, whether a CronJob starts it or the Backup itself. */
public final class BackupJobs {
    private BackupJobs() {
    }

    /** Labels of a Backup's Jobs (and their pods), by which the reconciler finds every run. */
    public static Map<String, String> labels(Backup backup) {
        return Map.of(ToolPods.BACKUP_LABEL, backup.getMetadata().getName());
    }

    public static JobSpec run(Backup backup, WordPressSite site, ToolJobSettings tool) {
        BackupSpec spec = backup.getSpec();
        ToolPods.Builder pod = ToolPods.builder(tool, Command.BACKUP, site, labels(backup))
                .artifactFromJobName()
                .include(spec.getInclude())
                .env("COMPRESSION", spec.getCompression() == null ? "gzip" : spec.getCompression().name())
                .storage(Storage.of(spec, backup.getMetadata().getNamespace(), backup.getMetadata().getName()))
                .owner(backup)
                .signingKeyOf(spec.getSiteRef().getName());
        if (spec.getInclude().database()) {
            pod.database("", site);
        }
        if (spec.getInclude().files()) {
            pod.files("FILES_DIR", site, true);
        }
        RetentionSpec retention = spec.getRetention();
        if (retention != null && retention.getKeepLast() != null) {
            pod.env("KEEP_LAST", String.valueOf(retention.getKeepLast()));
        }
        if (retention != null && retention.getMaxAge() != null) {
            pod.env("MAX_AGE", retention.getMaxAge());
        }
        return pod.jobSpec(timeout(backup));
    }

    /** Deletes the Backup's own artifacts under its prefix (deletionPolicy Delete); nothing else there. */
    public static JobSpec cleanup(Backup backup, WordPressSite site, ToolJobSettings tool) {
        return ToolPods.builder(tool, Command.PURGE, site, labels(backup))
                .storage(Storage.of(backup.getSpec(), backup.getMetadata().getNamespace(), backup.getMetadata().getName()))
                .owner(backup)
                .signingKeyOf(backup.getSpec().getSiteRef().getName())
                .jobSpec(timeout(backup));
    }

    static long timeout(Backup backup) {
        return backup.getSpec().getTimeoutSeconds() == null ? 3600 : backup.getSpec().getTimeoutSeconds();
    }
}
