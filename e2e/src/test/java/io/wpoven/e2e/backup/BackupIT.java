package io.wpoven.e2e.backup;

import static io.wpoven.e2e.backup.Backups.awaitBackup;
import static io.wpoven.e2e.backup.Backups.backup;
import static io.wpoven.e2e.backup.Backups.condition;
import static io.wpoven.e2e.backup.Backups.events;
import static io.wpoven.e2e.backup.Backups.storageClaim;
import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Backup;

/**
 * Backups on the local cluster: the CronJob or Job each Backup becomes, and Job outcomes flowing into status.
 * KWOK completes a Job's pod as soon as it runs (success); a pod that cannot start (its storage claim is
 * missing) runs into the Backup's timeout, which the Job controller reports as DeadlineExceeded. What the tool
 * does inside the Jobs is tested on real MariaDB and files by io.wpoven.e2e.tool.
 */
@E2eTest
class BackupIT {

    @Test
    void aScheduledBackupIsACronJobWithThatScheduleRunningTheTool(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        storageClaim(ns, "backups");
        ns.applyRaw(backup("nightly", "blog", """
                schedule: "15 3 * * *"
                retention: {keepLast: 5, maxAge: 30d}
                """));

        CronJob cron = within(Backups.TIMEOUT).alias("CronJob nightly").until(() -> ns.get(CronJob.class, "nightly").get(),
                c -> c != null);
        assertThat(cron.getSpec().getSchedule()).isEqualTo("15 3 * * *");
        assertThat(cron.getSpec().getConcurrencyPolicy()).as("never two runs at once").isEqualTo("Forbid");
        assertThat(cron.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("Backup"));
        Container tool = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(tool.getCommand()).endsWith("io.wpoven.tool.WpovenTool", "backup");
        assertThat(env(tool, "KEEP_LAST").getValue()).isEqualTo("5");
        assertThat(env(tool, "MAX_AGE").getValue()).isEqualTo("30d");
        assertThat(env(tool, "STORAGE_PREFIX").getValue()).isEqualTo(ns.name() + "/nightly");
        assertThat(env(tool, "DB_PASSWORD").getValue()).as("secrets only by reference").isNull();
        assertThat(env(tool, "DB_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");

        Backup b = awaitBackup(ns, "nightly", "Ready", "True");
        assertThat(condition(b.getStatus().getConditions(), "Complete").getReason()).isEqualTo("NoRunFinished");

        ns.applyRaw(backup("nightly", "blog", """
                schedule: "15 3 * * *"
                retention: {keepLast: 5, maxAge: 30d}
                suspend: true
                """));
        within(Backups.TIMEOUT).alias("CronJob suspended").until(() -> ns.get(CronJob.class, "nightly").get().getSpec().getSuspend());
    }

    @Test
    void anOnDemandBackupRunsOneJobAndReportsItsArtifact(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        storageClaim(ns, "backups");
        ns.applyRaw(backup("now", "blog", ""));

        Backup done = awaitBackup(ns, "now", "Complete", "True");
        List<Job> jobs = jobsOf(ns, "now");
        assertThat(jobs).as("one run").hasSize(1);
        String run = jobs.get(0).getMetadata().getName();
        assertThat(done.getStatus().getLatestArtifact().getName()).as("the artifact is named after its run").isEqualTo(run);
        assertThat(done.getStatus().getLastSuccessfulTime()).isNotBlank();
        assertThat(done.getStatus().getLastScheduleTime()).isNotBlank();
        assertThat(condition(done.getStatus().getConditions(), "Failed").getStatus()).isEqualTo("False");
        assertThat(events(ns, "Backup", "now")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("BackupSucceeded"));
        // the pod passed the namespace's enforce=restricted admission, or the Job could not have succeeded
        assertThat(jobs.get(0).getStatus().getSucceeded()).isEqualTo(1);
    }

    @Test
    void aTimeoutIsAFailureAndALaterSuccessClearsIt(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        // every minute; the storage claim does not exist yet, so the first run cannot start and times out
        ns.applyRaw(backup("minutely", "blog", """
                schedule: "* * * * *"
                timeoutSeconds: 10
                """));
        Backup failed = within(Duration.ofSeconds(150)).alias("first run failed").until(
                () -> Backups.backupObject(ns, "minutely"),
                b -> b.getStatus() != null && Backups.has(b.getStatus().getConditions(), "Failed", "True"));
        assertThat(condition(failed.getStatus().getConditions(), "Failed").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(condition(failed.getStatus().getConditions(), "Complete").getStatus()).isEqualTo("False");
        assertThat(failed.getStatus().getLastSuccessfulTime()).isNull();
        assertThat(events(ns, "Backup", "minutely")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("BackupFailed"));

        storageClaim(ns, "backups");
        Backup recovered = within(Duration.ofSeconds(150)).alias("a later run succeeded").until(
                () -> Backups.backupObject(ns, "minutely"),
                b -> Backups.has(b.getStatus().getConditions(), "Complete", "True"));
        assertThat(condition(recovered.getStatus().getConditions(), "Failed").getStatus())
                .as("a later success clears the earlier failure").isEqualTo("False");
        assertThat(recovered.getStatus().getLastFailureTime()).as("the failure is still on record").isNotBlank();
        ns.get(Backup.class, "minutely").delete();
    }

    @Test
    void deletingABackupKeepsOrDeletesItsArtifactsAsItsPolicySays(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        storageClaim(ns, "backups");
        ns.applyRaw(backup("kept", "blog", ""));
        ns.applyRaw(backup("purged", "blog", "deletionPolicy: Delete"));
        awaitBackup(ns, "kept", "Complete", "True");
        awaitBackup(ns, "purged", "Complete", "True");

        ns.get(Backup.class, "purged").delete();
        Job cleanup = within(Backups.TIMEOUT).alias("cleanup Job").until(() -> ns.get(Job.class, "purged-cleanup").get(),
                j -> j != null);
        Container tool = cleanup.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(tool.getCommand()).endsWith("purge");
        assertThat(env(tool, "STORAGE_PREFIX").getValue()).isEqualTo(ns.name() + "/purged");
        within(Backups.TIMEOUT).alias("Backup purged gone after its cleanup").until(() -> Backups.backupObject(ns, "purged") == null);
        assertThat(events(ns, "Backup", "purged")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("DeletingArtifacts"));

        ns.get(Backup.class, "kept").delete();
        within(Backups.TIMEOUT).alias("Backup kept gone").until(() -> Backups.backupObject(ns, "kept") == null);
        assertThat(ns.get(Job.class, "kept-cleanup").get()).as("Retain runs no cleanup").isNull();
    }

    @Test
    void aSitesSpecBackupKeepsAScheduledBackupForIt(TestNamespace ns) {
        storageClaim(ns, "backups");
        ns.applySiteYaml(minimal("blog", "blog.example.com") + """
                  backup:
                    schedule: "@daily"
                    storage: {persistentVolumeClaim: {claimName: backups}}
                """);
        Backup b = within(Backups.TIMEOUT).alias("Backup blog-backup").until(() -> Backups.backupObject(ns, "blog-backup"),
                x -> x != null);
        assertThat(b.getSpec().getSchedule()).isEqualTo("@daily");
        assertThat(b.getSpec().getRetention().getKeepLast()).as("schema default").isEqualTo(7);
        assertThat(b.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("WordPressSite"));
        within(Backups.TIMEOUT).alias("its CronJob").until(() -> ns.get(CronJob.class, "blog-backup").get() != null);

        // as kubectl apply or Argo CD would: the same manifest without spec.backup
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        within(Backups.TIMEOUT).alias("Backup removed with spec.backup").until(() -> Backups.backupObject(ns, "blog-backup") == null);
    }

    @Test
    void aBackupForAMissingSiteSaysSoAndRunsNothing(TestNamespace ns) {
        storageClaim(ns, "backups");
        ns.applyRaw(backup("orphan", "nosuchsite", ""));
        Backup b = awaitBackup(ns, "orphan", "Ready", "False");
        assertThat(condition(b.getStatus().getConditions(), "Ready").getMessage()).contains("nosuchsite");
        assertThat(jobsOf(ns, "orphan")).isEmpty();
    }

    @Test
    void invalidBackupsAreRejectedWithTheFieldNamed(TestNamespace ns) {
        assertRejected(ns, """
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata: {name: bad}
                spec: {siteRef: {name: blog}}
                """, "spec.storage");
        assertRejected(ns, """
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata: {name: bad}
                spec:
                  siteRef: {name: blog}
                  storage:
                    persistentVolumeClaim: {claimName: b}
                    s3: {endpoint: 'http://s3:9000', bucket: bk, credentialsSecret: {name: s}}
                """, "exactly one of persistentVolumeClaim and s3");
        assertRejected(ns, backup("bad", "blog", "schedule: every day"), "spec.schedule");
        assertRejected(ns, backup("bad", "blog", "include: {database: false, files: false}"), "spec.include");
        assertRejected(ns, backup("bad", "blog", "retention: {keepLast: 0}"), "spec.retention.keepLast");
        assertRejected(ns, backup("bad", "blog", "retention: {maxAge: 3 weeks}"), "spec.retention.maxAge");
        assertRejected(ns, backup("bad", "blog", "compression: zip"), "spec.compression");
        assertRejected(ns, """
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata: {name: bad}
                spec:
                  siteRef: {name: blog}
                  storage: {s3: {endpoint: 'ftp://x', bucket: bk, credentialsSecret: {name: s}}}
                """, "spec.storage.s3.endpoint");
        assertThat(ns.get(Backup.class, "bad").get()).isNull();
    }

    static void assertRejected(TestNamespace ns, String yaml, String field) {
        assertThatThrownBy(() -> ns.applyRaw(yaml)).isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    static List<Job> jobsOf(TestNamespace ns, String backup) {
        return ns.client().batch().v1().jobs().inNamespace(ns.name()).withLabel("wpoven.io/backup", backup).list().getItems();
    }

    static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + c.getEnv()));
    }
}
