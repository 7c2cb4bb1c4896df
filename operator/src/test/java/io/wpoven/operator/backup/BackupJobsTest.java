package io.wpoven.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.RetentionSpec;
import io.wpoven.operator.api.v1alpha1.spec.S3CredentialsSpec;
import io.wpoven.operator.api.v1alpha1.spec.S3StorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SecretKeyRefSpec;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.support.RestrictedProfile;
import io.wpoven.operator.support.TestSites;

class BackupJobsTest {
    final WordPressSite site = TestSites.site("blog", "blog.example.com");

    @Test
    void aRunBacksUpTheSitesDatabaseAndFilesIntoTheBackupsFolder() {
        Backup backup = BackupStatusBuilderTest.backup(null);
        backup.getSpec().setStorage(pvc("backups"));
        backup.getSpec().setInclude(new BackupContentSpec(true, true));
        RetentionSpec retention = new RetentionSpec();
        retention.setKeepLast(3);
        backup.getSpec().setRetention(retention);
        JobSpec job = BackupJobs.run(backup, site, ToolJobSettings.image("tool:1"));
        Container tool = job.getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = tool.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

        assertThat(tool.getImage()).isEqualTo("tool:1");
        assertThat(tool.getCommand()).containsSubsequence("io.wpoven.tool.WpovenTool", "backup");
        assertThat(env.get("DB_HOST").getValue()).isEqualTo("blog-mariadb");
        assertThat(env.get("DB_PASSWORD").getValue()).isNull();
        assertThat(env.get("DB_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
        assertThat(env.get("FILES_DIR").getValue()).isEqualTo("/wp-content");
        assertThat(env.get("STORAGE_PREFIX").getValue()).isEqualTo("shop/b");
        assertThat(env.get("KEEP_LAST").getValue()).isEqualTo("3");
        assertThat(env.get("OWNER_KIND").getValue()).as("retention deletes only this Backup's artifacts").isEqualTo("Backup");
        assertThat(env.get("OWNER_NAME").getValue()).isEqualTo("b");
        assertThat(env).containsKey("OWNER_UID");
        assertThat(env.get("ARTIFACT_HMAC_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
        assertThat(env.get("ARTIFACT_HMAC_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("backup-signing-key");
        assertThat(env.get("LANG").getValue()).as("UTF-8 file names").isEqualTo("C.UTF-8");
        assertThat(env.get("ARTIFACT_NAME").getValueFrom().getFieldRef().getFieldPath())
                .as("each run's artifact is named after its Job").contains("job-name");
        assertThat(tool.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/wp-content");
            assertThat(m.getReadOnly()).as("a backup never writes to the site").isTrue();
        });
        assertThat(job.getTemplate().getSpec().getAffinity().getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .as("beside the WordPress pods, where a ReadWriteOnce wp-content is attached").singleElement()
                .satisfies(t -> assertThat(t.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", "wordpress").containsEntry("app.kubernetes.io/instance", "blog"));
        assertThat(job.getBackoffLimit()).as("one attempt: a retry would hide a failure").isZero();
        assertThat(job.getActiveDeadlineSeconds()).isEqualTo(3600L);
        assertThat(job.getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "tool")
                .containsEntry("app.kubernetes.io/instance", "blog").containsEntry("wpoven.io/backup", "b");
        assertThat(RestrictedProfile.violations(job.getTemplate().getSpec())).isEmpty();
    }

    @Test
    void s3CredentialsComeFromTheSecretAndOnlyWhatIsIncludedIsMounted() {
        Backup backup = BackupStatusBuilderTest.backup("0 3 * * *");
        S3StorageSpec s3 = new S3StorageSpec();
        s3.setEndpoint("https://s3.example.com/");
        s3.setBucket("sites");
        S3CredentialsSpec creds = new S3CredentialsSpec();
        creds.setName("s3");
        creds.setAccessKeyIdKey("id");
        creds.setSecretAccessKeyKey("secret");
        s3.setCredentialsSecret(creds);
        SecretKeyRefSpec ca = new SecretKeyRefSpec();
        ca.setName("ca");
        ca.setKey("ca.pem");
        s3.setCaBundle(ca);
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setS3(s3);
        storage.setPrefix("prod/blog");
        backup.getSpec().setStorage(storage);
        backup.getSpec().setInclude(new BackupContentSpec(true, false));
        Container tool = BackupJobs.run(backup, site, ToolJobSettings.image("tool:1")).getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = tool.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("S3_ENDPOINT").getValue()).isEqualTo("https://s3.example.com");
        assertThat(env.get("S3_PREFIX").getValue()).isEqualTo("prod/blog");
        assertThat(env.get("AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret");
        assertThat(env.get("S3_CA_FILE").getValue()).isEqualTo("/etc/wpoven-s3-ca/ca.crt");
        assertThat(env).doesNotContainKey("FILES_DIR");
        assertThat(env.get("INCLUDE_FILES").getValue()).isEqualTo("false");
    }

    @Test
    void theToolsResultIsReadFromItsTerminationMessage() {
        ToolResult ok = ToolResult.parse("{\"command\":\"backup\",\"artifact\":\"b-1\",\"files\":[{\"name\":\"manifest.json\","
                + "\"size\":10,\"sha256\":\"00\"}],\"deleted\":[\"b-0\"],\"extra\":1}").orElseThrow();
        assertThat(ok.artifact()).isEqualTo("b-1");
        assertThat(ok.deletedOrEmpty()).containsExactly("b-0");
        ToolResult crashed = ToolResult.parse("Exception in thread main\njava.lang.OutOfMemoryError: Java heap space\n").orElseThrow();
        assertThat(crashed.error()).isEqualTo("java.lang.OutOfMemoryError: Java heap space");
        assertThat(ToolResult.parse("  ")).isEmpty();
        // a pod that terminated without a message (the Job controller's view only) has no result, and no error
        var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewStatus().addNewContainerStatus().withName("tool")
                .withNewState().withNewTerminated().withExitCode(0).endTerminated().endState().endContainerStatus()
                .endStatus().build();
        assertThat(ToolResult.of(pod)).isEmpty();
    }

    static BackupStorageSpec pvc(String claim) {
        PvcStorageSpec pvc = new PvcStorageSpec();
        pvc.setClaimName(claim);
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setPersistentVolumeClaim(pvc);
        return storage;
    }
}
