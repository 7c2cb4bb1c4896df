package io.wpoven.operator.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupArtifact;
import io.wpoven.operator.api.v1alpha1.BackupArtifact.ArtifactFile;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.BackupStatus;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.RestoreSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.support.TestSites;

/** spec.include says "parts the artifact lacks are skipped": the restore Job asks the tool for no part it lacks. */
class RestoreJobsTest {
    final WordPressSite site = TestSites.site("blog", "blog.example.com");

    @Test
    void aDatabaseOnlyArtifactRestoresItsDatabaseWithTheDefaultInclude() {
        Backup backup = backup(artifact("db-only", "database.sql.gz"));
        Map<String, String> env = env(restore(null, "db-only"), backup, "db-only");
        assertThat(env).containsEntry("INCLUDE_DATABASE", "true").containsEntry("INCLUDE_FILES", "false");
        assertThat(RestoreJobs.parts(restore(null, "db-only"), backup, "db-only").nothing()).isFalse();
    }

    @Test
    void aWholeArtifactRestoresWhatIncludeAsksFor() {
        Backup backup = backup(artifact("whole", "database.sql.gz", "wp-content.tar.gz", "manifest.json"));
        assertThat(env(restore(null, "whole"), backup, "whole")).containsEntry("INCLUDE_DATABASE", "true")
                .containsEntry("INCLUDE_FILES", "true");
        assertThat(env(restore(new BackupContentSpec(false, true), "whole"), backup, "whole"))
                .containsEntry("INCLUDE_DATABASE", "false").containsEntry("INCLUDE_FILES", "true");
    }

    @Test
    void askingOnlyForAPartTheArtifactLacksIsNothingToRestore() {
        Backup backup = backup(artifact("files-only", "wp-content.tar"));
        assertThat(RestoreJobs.parts(restore(new BackupContentSpec(true, false), "files-only"), backup, "files-only")
                .nothing()).isTrue();
        assertThat(RestoreJobs.parts(restore(null, "files-only"), backup, "files-only").nothing()).isFalse();
    }

    @Test
    void anArtifactTheBackupDoesNotListLeavesWhatWasAskedForToTheTool() {
        Backup backup = backup(artifact("other", "database.sql.gz"));
        Map<String, String> env = env(restore(new BackupContentSpec(true, false), "old-one"), backup, "old-one");
        assertThat(env).doesNotContainKey("INCLUDE_DATABASE").containsEntry("INCLUDE_FILES", "false");
        assertThat(RestoreJobs.parts(restore(null, "old-one"), backup, "old-one").nothing()).isFalse();
    }

    @Test
    void anArtifactListedWithoutFilesIsUnknownNotEmpty() {
        Backup backup = backup(artifact("unread"));
        assertThat(RestoreJobs.parts(restore(new BackupContentSpec(true, false), "unread"), backup, "unread").nothing()).isFalse();
        assertThat(env(restore(null, "unread"), backup, "unread")).doesNotContainKeys("INCLUDE_DATABASE", "INCLUDE_FILES");
    }

    /** An import reads its folder (the prefix's last segment) under the rest of the prefix; secrets never as values. */
    @Test
    void anImportReadsItsFolderAndRewritesTheOldAddress() {
        Restore r = restore(null, null);
        r.getSpec().setBackupRef(null);
        io.wpoven.operator.api.v1alpha1.spec.ImportSpec from = new io.wpoven.operator.api.v1alpha1.spec.ImportSpec();
        io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec storage = new io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec();
        io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec pvc = new io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec();
        pvc.setClaimName("handover");
        storage.setPersistentVolumeClaim(pvc);
        storage.setPrefix("agency/oldblog/");
        from.setStorage(storage);
        from.setDatabase("oldblog.sql.gz");
        from.setSiteUrl("https://old.example.com");
        r.getSpec().setImportFrom(from);
        var job = RestoreJobs.importing(r, site, io.wpoven.operator.jobs.ToolJobSettings.image("tool:1"));
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry("IMPORT_FOLDER", "oldblog").containsEntry("STORAGE_PREFIX", "agency")
                .containsEntry("IMPORT_DATABASE", "oldblog.sql.gz").doesNotContainKey("IMPORT_CONTENT")
                .containsEntry("FROM_URL", "//old.example.com").containsEntry("TO_URL", "//blog.example.com");
        assertThat(container.getCommand()).contains("import");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().contains("PASSWORD"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull());
        assertThat(job.getMetadata().getName()).isEqualTo(io.wpoven.operator.support.Names.restoreJob(r));
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-undo"));
    }

    Map<String, String> env(Restore restore, Backup backup, String artifact) {
        return RestoreJobs.restore(restore, backup, site, artifact, null, io.wpoven.operator.jobs.ToolJobSettings.image("tool:1")).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    static Restore restore(BackupContentSpec include, String artifact) {
        Restore r = new Restore();
        r.setMetadata(new ObjectMetaBuilder().withName("undo").withNamespace("shop").withUid("uid-undo").build());
        RestoreSpec spec = new RestoreSpec();
        RestoreSpec.BackupRefSpec ref = new RestoreSpec.BackupRefSpec();
        ref.setName("b");
        spec.setBackupRef(ref);
        spec.setArtifact(artifact);
        spec.setInclude(include == null ? new BackupContentSpec(true, true) : include);
        r.setSpec(spec);
        return r;
    }

    static BackupArtifact artifact(String name, String... files) {
        return new BackupArtifact(name, "2026-12-01T00:00:00Z",
                java.util.Arrays.stream(files).map(f -> new ArtifactFile(f, 10L, "00")).toList());
    }

    static Backup backup(BackupArtifact... artifacts) {
        Backup b = new Backup();
        b.setMetadata(new ObjectMetaBuilder().withName("b").withNamespace("shop").withGeneration(1L).build());
        BackupSpec spec = new BackupSpec();
        SiteRefSpec ref = new SiteRefSpec();
        ref.setName("blog");
        spec.setSiteRef(ref);
        BackupStorageSpec storage = new BackupStorageSpec();
        PvcStorageSpec pvc = new PvcStorageSpec();
        pvc.setClaimName("backups");
        storage.setPersistentVolumeClaim(pvc);
        spec.setStorage(storage);
        b.setSpec(spec);
        BackupStatus status = new BackupStatus();
        status.setArtifacts(List.of(artifacts));
        b.setStatus(status);
        return b;
    }
}
