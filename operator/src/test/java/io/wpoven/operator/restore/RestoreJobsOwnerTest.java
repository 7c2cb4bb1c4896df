package io.wpoven.operator.restore;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.RestoreSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;

class RestoreJobsOwnerTest {
    private static Map<String, EnvVar> env(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @Test
    void theSafetyBackupIsTheRestoresOwnAndEveryArtifactIsCheckedWithTheBackupSitesKey() {
        Backup backup = new Backup();
        backup.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("shop").withUid("uid-nightly").build());
        BackupSpec spec = new BackupSpec();
        SiteRefSpec ref = new SiteRefSpec();
        ref.setName("blog");
        spec.setSiteRef(ref);
        PvcStorageSpec pvc = new PvcStorageSpec();
        pvc.setClaimName("backups");
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setPersistentVolumeClaim(pvc);
        spec.setStorage(storage);
        backup.setSpec(spec);
        Restore restore = new Restore();
        restore.setMetadata(new ObjectMetaBuilder().withName("undo").withNamespace("shop").withUid("uid-undo").build());
        restore.setSpec(new RestoreSpec());
        WordPressSite copy = site("copy", "copy.example.com");

        Map<String, EnvVar> safety = env(RestoreJobs.safety(restore, backup, copy, io.wpoven.operator.jobs.ToolJobSettings.image("tool:1")));
        assertThat(safety.get("OWNER_KIND").getValue()).as("no Backup's retention deletes it").isEqualTo("Restore");
        assertThat(safety.get("OWNER_UID").getValue()).isEqualTo("uid-undo");
        assertThat(safety.get("ARTIFACT_HMAC_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");

        Map<String, EnvVar> run = env(RestoreJobs.restore(restore, backup, copy, "nightly-1", "//blog.example.com",
                io.wpoven.operator.jobs.ToolJobSettings.image("tool:1")));
        assertThat(run.get("ARTIFACT_HMAC_KEY").getValueFrom().getSecretKeyRef().getName())
                .as("the key of the site whose backups these are").isEqualTo("blog-credentials");
        assertThat(run.get("ARTIFACT_HMAC_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("backup-signing-key");
    }
}
