package io.wpoven.operator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupArtifact;
import io.wpoven.operator.api.v1alpha1.BackupStatus;
import io.wpoven.operator.api.v1alpha1.WordPressRuntimeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.api.v1alpha1.WordPressUpgradeStatus;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteBackupSpec;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.TestSites;

/**
 * A change of WordPress image against the mock API server: each pass reads what the steps left in the cluster (Jobs,
 * their pods' reports, the Backup, the fence) and the pods get the new image only after the database upgrade.
 */
@EnableKubernetesMockClient(crud = true)
class WordPressRuntimeTest {
    static KubernetesClient client;
    private static final String OLD = "wordpress:test-fpm";
    private static final String NEW = "wordpress:test-php8.4-fpm";
    private final OperatorConfig config = TestSites.config();
    private final Clock clock = Clock.systemUTC();
    private WordPressSite site;

    @BeforeEach
    void aSiteOnPhp82WithWordPress61() {
        client.batch().v1().jobs().inNamespace("shop").delete();
        client.pods().inNamespace("shop").delete();
        client.resources(Backup.class).inNamespace("shop").delete();
        client.resources(WordPressSite.class).inNamespace("shop").delete();
        site = TestSites.site("blog", "blog.example.com");
        WordPressRuntimeStatus running = new WordPressRuntimeStatus();
        running.setImage(OLD);
        running.setPhpVersion("8.2");
        running.setCoreVersion("6.1.9");
        running.setDbVersion(53496L);
        WordPressUpgradeStatus first = new WordPressUpgradeStatus();
        first.setImage(OLD);
        first.setPhase(WordPressRuntime.SUCCEEDED);
        running.setUpgrade(first);
        site.setStatus(new WordPressSiteStatus());
        site.getStatus().setWordpress(running);
        site = client.resource(site).create();
        site.setStatus(new WordPressSiteStatus());
        site.getStatus().setWordpress(running);
        finish(client.resource(new JobBuilder().withNewMetadata().withName("blog-install").withNamespace("shop")
                .withUid("install-uid").endMetadata().build()).create(), null);
    }

    @Test
    void aNewerCoreUpgradesTheDatabaseBehindAFenceAndABackupBeforeThePodsGetIt() {
        site.getSpec().setBackup(backupToVolume());
        site.getSpec().getWordpress().setPhpVersion("8.4");

        WordPressRuntime.Outcome recorded = pass();
        assertThat(recorded.status().getUpgrade().getStartTime()).as("the change is recorded").isNotNull();
        assertThat(recorded.again()).as("and looked at again at once").isEqualTo(1);
        assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems())
                .as("before its first Job, which is named from its start time").hasSize(1);
        WordPressRuntime.Outcome checking = pass();
        assertThat(checking.status().getUpgrade().getPhase()).isEqualTo(WordPressRuntime.CHECKING);
        assertThat(WordPressRuntime.image(site, config)).as("the pods keep their image").isEqualTo(OLD);
        Job check = onlyJob("-wp-check-");
        assertThat(check.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(NEW);
        assertThat(pass().status().getUpgrade().getPhase()).as("nothing done twice").isEqualTo(WordPressRuntime.CHECKING);
        assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).hasSize(2);
        finish(check, "{\"php\":\"8.4\",\"phpRelease\":\"8.4.27\",\"core\":\"6.8.12\",\"imageDbVersion\":60421,\"dbVersion\":53496}");

        WordPressRuntime.Outcome quiescing = pass();
        WordPressUpgradeStatus change = quiescing.status().getUpgrade();
        assertThat(change.getPhase()).isEqualTo(WordPressRuntime.QUIESCING);
        assertThat(change.getDbVersionBefore()).isEqualTo(53496L);
        assertThat(change.getImageDbVersion()).isEqualTo(60421L);
        assertThat(Quiesce.by(fresh())).as("the fence is the change's").hasValueSatisfying(by -> assertThat(by)
                .endsWith("/image-change"));

        WordPressRuntime.Outcome backingUp = pass();
        assertThat(backingUp.status().getUpgrade().getPhase()).isEqualTo(WordPressRuntime.BACKING_UP);
        Backup backup = client.resources(Backup.class).inNamespace("shop").list().getItems().get(0);
        assertThat(backup.getSpec().getSiteRef().getName()).isEqualTo("blog");
        assertThat(backup.getSpec().getStorage().getPersistentVolumeClaim().getClaimName()).isEqualTo("backups");
        assertThat(backup.getSpec().getSchedule()).as("once").isNull();
        assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems())
                .as("no upgrade before the backup is written").noneMatch(j -> j.getMetadata().getName().contains("-wp-upgrade-"));
        completeBackup(backup);

        WordPressRuntime.Outcome upgrading = pass();
        assertThat(upgrading.status().getUpgrade().getPhase()).isEqualTo(WordPressRuntime.UPGRADING);
        assertThat(upgrading.status().getImage()).isEqualTo(OLD);
        Job upgrade = onlyJob("-wp-upgrade-");
        assertThat(String.join(" ", upgrade.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand()))
                .contains("wordpress-runtime.php upgrade");
        finish(upgrade, "{\"php\":\"8.4\",\"phpRelease\":\"8.4.27\",\"core\":\"6.8.12\",\"imageDbVersion\":60421,"
                + "\"dbVersionBefore\":53496,\"dbVersion\":60421}");

        WordPressRuntime.Outcome releasing = pass();
        assertThat(releasing.status().getUpgrade().getPhase()).isEqualTo(WordPressRuntime.RELEASING);
        assertThat(releasing.status().getImage()).as("the new image recorded first").isEqualTo(NEW);
        assertThat(Quiesce.by(fresh())).as("the fence lifted only once that is written").isPresent();
        WordPressRuntime.Outcome released = pass();
        WordPressRuntimeStatus now = released.status();
        assertThat(now.getUpgrade().getPhase()).as(now.getUpgrade().getMessage()).isEqualTo(WordPressRuntime.SUCCEEDED);
        assertThat(now.getImage()).isEqualTo(NEW);
        assertThat(now.getPhpVersion()).isEqualTo("8.4");
        assertThat(now.getPhpRelease()).isEqualTo("8.4.27");
        assertThat(now.getCoreVersion()).isEqualTo("6.8.12");
        assertThat(now.getDbVersion()).isEqualTo(60421L);
        assertThat(now.getUpgrade().getDbVersionAfter()).isEqualTo(60421L);
        assertThat(now.getUpgrade().getBackup()).isEqualTo(backup.getMetadata().getName());
        assertThat(Quiesce.by(fresh())).as("the fence lifted").isEmpty();
        assertThat(released.again()).isZero();
        assertThat(WordPressRuntime.image(site, config)).isEqualTo(NEW);
    }

    @Test
    void withoutBackupStorageTheDatabaseIsNotTouchedAndThePodsKeepTheirImage() {
        site.getSpec().getWordpress().setPhpVersion("8.4");
        pass();
        pass();
        finish(onlyJob("-wp-check-"), "{\"php\":\"8.4\",\"core\":\"6.8.12\",\"imageDbVersion\":60421,\"dbVersion\":53496}");

        WordPressRuntimeStatus failed = pass().status();
        assertThat(failed.getUpgrade().getPhase()).isEqualTo(WordPressRuntime.FAILED);
        assertThat(failed.getUpgrade().getReason()).isEqualTo("BackupStorageMissing");
        assertThat(failed.getUpgrade().getMessage()).startsWith("spec.backup.storage: ");
        assertThat(failed.getImage()).isEqualTo(OLD);
        assertThat(Quiesce.by(fresh())).isEmpty();
        assertThat(pass().status().getUpgrade().getPhase()).as("stays failed").isEqualTo(WordPressRuntime.FAILED);
    }

    @Test
    void aCoreOlderThanTheDatabaseIsRefused() {
        site.getSpec().getWordpress().setPhpVersion("8.4");
        pass();
        pass();
        finish(onlyJob("-wp-check-"), "{\"php\":\"8.4\",\"core\":\"6.0\",\"imageDbVersion\":51917,\"dbVersion\":53496}");
        WordPressRuntimeStatus refused = pass().status();
        assertThat(refused.getUpgrade().getReason()).isEqualTo("CoreOlderThanDatabase");
        assertThat(refused.getImage()).isEqualTo(OLD);
    }

    @Test
    void theSameSchemaNeedsNoUpgradeAndThePodsGetTheImageAtOnce() {
        site.getSpec().getWordpress().setPhpVersion("8.4");
        pass();
        pass();
        finish(onlyJob("-wp-check-"), "{\"php\":\"8.4\",\"core\":\"6.1.9\",\"imageDbVersion\":53496,\"dbVersion\":53496}");
        assertThat(pass().status().getUpgrade().getPhase()).isEqualTo(WordPressRuntime.RELEASING);
        WordPressRuntimeStatus now = pass().status();
        assertThat(now.getUpgrade().getPhase()).isEqualTo(WordPressRuntime.SUCCEEDED);
        assertThat(now.getImage()).isEqualTo(NEW);
        assertThat(now.getPhpVersion()).isEqualTo("8.4");
        assertThat(client.resources(Backup.class).inNamespace("shop").list().getItems()).isEmpty();
        assertThat(Quiesce.by(fresh())).isEmpty();
    }

    @Test
    void aChangeWhoseStatusWasLostGoesOnUnderItsJobsNames() {
        site.getSpec().getWordpress().setPhpVersion("8.4");
        WordPressRuntimeStatus before = site.getStatus().getWordpress();
        pass();
        pass();
        Job check = onlyJob("-wp-check-");
        assertThat(check.getMetadata().getAnnotations()).containsKey("wpoven.io/wordpress-change");

        // the status that recorded the change is lost (a write that timed out, a stale read): a later pass, seconds on
        site.getStatus().setWordpress(before);
        WordPressSite current = fresh();
        current.setStatus(site.getStatus());
        WordPressRuntime.Outcome again = WordPressRuntime.step(current, client, config,
                Clock.offset(clock, java.time.Duration.ofSeconds(7)));
        site = current;
        site.getStatus().setWordpress(again.status());
        pass();
        assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems())
                .as("the same check Job, not a second one").extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder("blog-install", check.getMetadata().getName());
    }

    /** One reconcile: the site as the informer has it now, with the status the last pass wrote. */
    private WordPressRuntime.Outcome pass() {
        WordPressSite current = fresh();
        current.setStatus(site.getStatus());
        WordPressRuntime.Outcome outcome = WordPressRuntime.step(current, client, config, clock);
        site = current;
        site.getStatus().setWordpress(outcome.status());
        return outcome;
    }

    private WordPressSite fresh() {
        WordPressSite stored = client.resources(WordPressSite.class).inNamespace("shop").withName("blog").get();
        stored.setSpec(site.getSpec());
        return stored;
    }

    private static SiteBackupSpec backupToVolume() {
        PvcStorageSpec pvc = new PvcStorageSpec();
        pvc.setClaimName("backups");
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setPersistentVolumeClaim(pvc);
        SiteBackupSpec backup = new SiteBackupSpec();
        backup.setSchedule("@daily");
        backup.setStorage(storage);
        return backup;
    }

    private static Job onlyJob(String part) {
        List<Job> jobs = client.batch().v1().jobs().inNamespace("shop").list().getItems().stream()
                .filter(j -> j.getMetadata().getName().contains(part)).toList();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    /** The Job succeeded; its pod (owned by it, as the Job controller makes it) left that report. */
    private static void finish(Job job, String report) {
        String uid = job.getMetadata().getUid() == null ? job.getMetadata().getName() + "-uid" : job.getMetadata().getUid();
        Job done = new JobBuilder(job).editMetadata().withUid(uid).endMetadata().withNewStatus().withSucceeded(1)
                .addToConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).endStatus().build();
        client.resource(done).update();
        client.resource(done).updateStatus();
        if (report != null) {
            client.resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-pod").withNamespace("shop")
                    .withLabels(Map.of(ToolResult.CONTROLLER_UID_LABEL, uid))
                    .addNewOwnerReference().withKind("Job").withName(job.getMetadata().getName()).withUid(uid)
                    .withController(true).withApiVersion("batch/v1").endOwnerReference().endMetadata()
                    .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("c").withNewState()
                            .withNewTerminated().withExitCode(0).withMessage(report).endTerminated().endState().build())
                    .endStatus().build()).create();
        }
    }

    private static void completeBackup(Backup backup) {
        BackupStatus status = new BackupStatus();
        status.getConditions().add(new ConditionBuilder().withType("Complete").withStatus("True").withReason("Succeeded")
                .build());
        BackupArtifact artifact = new BackupArtifact();
        artifact.setName("20261207-000000");
        status.setLatestArtifact(artifact);
        backup.setStatus(status);
        client.resource(backup).updateStatus();
    }
}
