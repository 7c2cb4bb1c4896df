package io.wpoven.operator.restore;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupArtifact;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.ImportSpec;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolPods.Command;
import io.wpoven.operator.jobs.ToolPods.Storage;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** The two Jobs of a Restore: a safety backup of the target site, then the restore (or import) itself. Pure builders. */
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
                .owner(restore) // the Restore's own: no Backup's retention or purge deletes it
                .signingKeyOf(backup.getSpec().getSiteRef().getName())
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
        ToolPods.Builder pod = ToolPods.builder(tool, Command.RESTORE, target, labels(restore))
                .env("ARTIFACT_NAME", artifact);
        Parts parts = parts(restore, backup, artifact);
        // a part asked for whose presence is unknown is left to the tool, which restores it when the artifact has it
        parts.database().ifPresent(db -> pod.env("INCLUDE_DATABASE", String.valueOf(db)));
        parts.files().ifPresent(files -> pod.env("INCLUDE_FILES", String.valueOf(files)));
        pod
                .storage(Storage.of(backup.getSpec(), backup.getMetadata().getNamespace(), backup.getMetadata().getName()))
                .signingKeyOf(backup.getSpec().getSiteRef().getName())
                .database("", target)
                .files("FILES_DIR", target, false)
                .objectCache(target);
        String targetAddress = ToolPods.siteAddress(target);
        if (sourceAddress != null && !sourceAddress.equals(targetAddress)) {
            pod.env("FROM_URL", sourceAddress).env("TO_URL", targetAddress);
        }
        return job(Names.restoreJob(restore), restore, target, pod, backup);
    }

    /**
     * Imports a site made elsewhere into the target: the dump and/or the archive from the import folder (the last
     * segment of importFrom.storage.prefix, in the storage under the rest of it), the old address rewritten to the
     * target's.
     */
    static Job importing(Restore restore, WordPressSite target, ToolJobSettings tool) {
        ImportSpec from = restore.getSpec().getImportFrom();
        String prefix = from.getStorage().getPrefix().replaceAll("/+$", "");
        int slash = prefix.lastIndexOf('/');
        ToolPods.Builder pod = ToolPods.builder(tool, Command.IMPORT, target, labels(restore))
                .env("IMPORT_FOLDER", prefix.substring(slash + 1));
        if (from.getDatabase() != null) {
            pod.env("IMPORT_DATABASE", from.getDatabase());
        }
        if (from.getContent() != null) {
            pod.env("IMPORT_CONTENT", from.getContent());
        }
        pod.storage(new Storage(from.getStorage(), slash < 0 ? "" : prefix.substring(0, slash)))
                .database("", target)
                .files("FILES_DIR", target, false)
                .objectCache(target);
        // scheme-relative, as a clone's: http:// and https:// links both follow
        String oldAddress = from.getSiteUrl() == null ? null : "//" + from.getSiteUrl().replaceFirst("^https?://", "");
        String targetAddress = ToolPods.siteAddress(target);
        if (oldAddress != null && !oldAddress.equals(targetAddress)) {
            pod.env("FROM_URL", oldAddress).env("TO_URL", targetAddress);
        }
        return job(Names.restoreJob(restore), restore, target, pod, null);
    }

    /**
     * The parts a restore writes: those spec.include asks for that the artifact holds ("parts the artifact lacks are
     * skipped"). Known from the Backup's status.artifacts; a part asked for of an artifact not listed there is
     * empty (unknown): the tool restores it when the artifact has it.
     */
    record Parts(Optional<Boolean> database, Optional<Boolean> files) {
        /** Listed, and holds nothing that was asked for: restoring would change nothing. */
        boolean nothing() {
            return database.equals(Optional.of(false)) && files.equals(Optional.of(false));
        }
    }

    static Parts parts(Restore restore, Backup backup, String artifact) {
        BackupContentSpec include = restore.getSpec().getInclude() == null ? new BackupContentSpec()
                : restore.getSpec().getInclude();
        Optional<BackupArtifact> listed = backup.getStatus() == null ? Optional.empty()
                : Stream.concat(Stream.ofNullable(backup.getStatus().getLatestArtifact()),
                        backup.getStatus().getArtifacts() == null ? Stream.empty() : backup.getStatus().getArtifacts().stream())
                        .filter(a -> artifact.equals(a.getName())).findFirst()
                        // a run whose result could not be read lists no files: what it holds is unknown, not nothing
                        .filter(a -> a.getFiles() != null && !a.getFiles().isEmpty());
        return new Parts(part(include.database(), listed, DATABASE_FILE), part(include.files(), listed, FILES_FILE));
    }

    /** The artifact's files: the dump (database.sql, .gz …) and the archive of wp-content (wp-content.tar, .gz …). */
    static final String DATABASE_FILE = "database.sql";
    static final String FILES_FILE = "wp-content.tar";

    private static Optional<Boolean> part(boolean asked, Optional<BackupArtifact> listed, String file) {
        if (!asked) {
            return Optional.of(false);
        }
        return listed.map(a -> a.getFiles() != null && a.getFiles().stream()
                .anyMatch(f -> f.getName() != null && f.getName().startsWith(file)));
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
                .withSpec(pod.jobSpec(backup == null || backup.getSpec().getTimeoutSeconds() == null ? 3600
                        : backup.getSpec().getTimeoutSeconds()))
                .build();
        job.addOwnerReference(restore);
        return job;
    }
}
