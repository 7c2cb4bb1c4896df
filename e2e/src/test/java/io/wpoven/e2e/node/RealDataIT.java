package io.wpoven.e2e.node;

import io.wpoven.e2e.harness.Exclusive;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * A site's data on real pods, with the operator running in the cluster from its chart: backup → damage → one-click
 * restore to a volume and to an S3 server over TLS (identical table checksums and file sha256 sums, the restored page
 * served), a scheduled Backup firing through its CronJob with retention, and a Staging that serves its copy behind
 * basic auth, pushes a table to live, and rolls live back when its push dies. Runs with WPOVEN_REAL_NODE=1.
 */
@io.wpoven.e2e.harness.E2eTest
@Exclusive.RealNode
class RealDataIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofMinutes(4);

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void backupDamageRestoreOnAVolumeAndOnS3OverTlsAndAScheduleWithRetention(TestNamespace ns) throws IOException {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite site = new RealSite(ns, "data", "data.wpoven.test");
        // every table is compared with the backup's, wp_options too: WordPress's own scheduled events (a CronJob
        // every minute, which writes wp_options) are off here, so nothing but the test and the restore writes
        ns.applySiteYaml(RealSite.yaml(node, site.name(), site.domain())
                .replace("  wordpress: {image: ", "  wordpress: {cron: {enabled: false}, image: "));
        RealSite.claim(ns, "backups");
        RealSite.claim(ns, "scheduled");
        s3Server(ns, node);
        within(READY).alias("site Ready on real pods").until(() -> ns.site(site.name()).get(),
                s -> Sites.isTrue(s, "Ready"));

        // a scheduled Backup, every minute, keeping one: it runs beside everything below
        ns.applyRaw(Sites.inCluster("""
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata:
                  name: every-minute
                spec:
                  siteRef: {name: data}
                  schedule: "* * * * *"
                  include: {database: true, files: false}
                  retention: {keepLast: 1}
                  storage:
                    persistentVolumeClaim: {claimName: scheduled}
                """));

        // the site as its owner made it: a post title, a blog name, an upload
        String marker = "Before the damage " + UUID.randomUUID();
        site.sql("UPDATE wp_posts SET post_title = '" + marker + "' WHERE ID = 1",
                "UPDATE wp_options SET option_value = 'Data kept' WHERE option_name = 'blogname'");
        site.flushObjectCache();
        site.upload("uploads/2026/12/report.txt", "quarterly figures " + marker + "\n");

        List<String> killedAt = new ArrayList<>(restoreRoundTrip(ns, site, marker, "to-volume", List.of(), """
                persistentVolumeClaim: {claimName: backups}
                prefix: data
                """));
        killedAt.addAll(restoreRoundTrip(ns, site, marker, "to-s3", killedAt, """
                prefix: data
                s3:
                  endpoint: https://s3.%s.svc:7070
                  bucket: backups
                  region: us-east-1
                  credentialsSecret: {name: backup-s3}
                  caBundle: {name: s3-tls, key: tls.crt}
                """.formatted(ns.name())));
        // the operator-kill test of a Restore: two restores, the second killed where the first was not
        assertThat(killedAt).as("steps of a Restore the operator was killed at").doesNotHaveDuplicates()
                .hasSizeGreaterThanOrEqualTo(5);

        // the schedule fired through its CronJob at least twice, and retention kept exactly one artifact
        within(Duration.ofMinutes(4)).alias("two scheduled runs succeeded").until(
                () -> ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                        .filter(j -> j.getMetadata().getOwnerReferences().stream()
                                .anyMatch(o -> "CronJob".equals(o.getKind())))
                        .filter(j -> j.getStatus() != null && Integer.valueOf(1).equals(j.getStatus().getSucceeded()))
                        .count(),
                n -> n >= 2);
        // suspended, so that no run starts while the volume is counted; the last run finished
        io.wpoven.e2e.harness.TestNamespace.edit(ns.get(Backup.class, "every-minute"), b -> {
            b.getSpec().setSuspend(true);
            return b;
        });
        Backup scheduled = within(STEP).alias("the schedule quiet, its latest success in status").until(
                () -> ns.get(Backup.class, "every-minute").get(),
                b -> b.getStatus() != null && b.getStatus().getActive().isEmpty()
                        && b.getStatus().getLatestArtifact() != null
                        && artifactsOnVolume(RealSite.volumeDir(ns, "scheduled"))
                                .equals(List.of(b.getStatus().getLatestArtifact().getName())));
        assertThat(artifactsOnVolume(RealSite.volumeDir(ns, "scheduled")))
                .as("keepLast: 1 after two runs").containsExactly(scheduled.getStatus().getLatestArtifact().getName());
    }

    /**
     * Backup (once) → delete posts, change an option, remove an upload → Restore: the site exactly as backed up. The
     * operator is killed at every step of the Restore it reaches but those in {@code covered} (the operator-kill test
     * of docs/backup-restore.md): the Restore still ends Succeeded with the data exactly as backed up. Returns the
     * steps it was killed at.
     */
    private static List<String> restoreRoundTrip(TestNamespace ns, RealSite site, String marker, String name,
            List<String> covered, String storage) {
        Map<String, Long> tables = site.checksums();
        Map<String, String> files = RealSite.fileSums(site.contentDir());
        assertThat(files).containsKey("uploads/2026/12/report.txt");

        ns.applyRaw(Sites.inCluster("""
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata:
                  name: %s
                spec:
                  siteRef: {name: %s}
                  storage:
                %s
                """.formatted(name, site.name(), storage.indent(4))));
        Backup backup = within(STEP).alias("Backup " + name + " Complete").until(() -> ns.get(Backup.class, name).get(),
                b -> b != null && b.getStatus() != null && b.getStatus().getConditions().stream()
                        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())));
        assertThat(backup.getStatus().getLatestArtifact()).isNotNull();

        // the damage: posts deleted, an option changed, an upload removed; visitors see it
        site.sql("DELETE FROM wp_posts WHERE post_type = 'post'",
                "UPDATE wp_options SET option_value = 'Damaged' WHERE option_name = 'blogname'");
        site.flushObjectCache();
        deleteFile(site.contentDir().resolve("uploads/2026/12/report.txt"));
        RawHttp.Response damaged = within(STEP).alias("the damage visible").until(
                () -> site.get("/?v=" + UUID.randomUUID()), r -> r.status() == 200 && r.text().contains("Damaged"));
        assertThat(damaged.text()).doesNotContain(marker);
        assertThat(site.checksums()).isNotEqualTo(tables);

        // one-click restore: the latest artifact of that Backup, a safety backup first
        ns.applyRaw(Sites.inCluster("""
                apiVersion: wpoven.io/v1alpha1
                kind: Restore
                metadata:
                  name: undo-%s
                spec:
                  backupRef: {name: %s}
                """.formatted(name, name)));
        String undo = "undo-" + name;
        List<String> killedAt = new OperatorKills("Restore " + undo)
                .at("created, nothing done", () -> true)
                .at("SafetyBackup, no Job yet", restorePhase(ns, undo, "SafetyBackup"))
                .at("SafetyBackup, its Job created", OperatorKills.job(ns, (undo + "-safety")::equals))
                .at("SafetyBackup, its pod running", OperatorKills.jobPodStarted(ns, (undo + "-safety")::equals))
                .at("Quiescing", restorePhase(ns, undo, "Quiescing"))
                .at("Restoring, pods stopped, no Job yet", restorePhase(ns, undo, "Restoring"))
                .at("Restoring, its Job created", OperatorKills.job(ns, (undo + "-restore")::equals))
                .at("Restoring, its pod running", OperatorKills.jobPodStarted(ns, (undo + "-restore")::equals))
                .at("Resuming, caches being purged", restorePhase(ns, undo, "Resuming"))
                .walk(Duration.ofMinutes(8), restorePhase(ns, undo, "Succeeded"), covered);
        Restore restore = within(STEP).alias("Restore undo-" + name + " finished").until(
                () -> ns.get(Restore.class, "undo-" + name).get(),
                r -> r != null && r.getStatus() != null
                        && List.of("Succeeded", "Failed").contains(r.getStatus().getPhase()));
        assertThat(restore.getStatus().getPhase()).as(String.valueOf(restore.getStatus().getConditions()))
                .isEqualTo("Succeeded");

        // the data exactly as backed up, and what visitors get
        assertThat(site.checksums()).isEqualTo(tables);
        assertThat(RealSite.fileSums(site.contentDir())).isEqualTo(files);
        WordPressSite live = within(READY).alias("site Ready after the restore").until(() -> ns.site(site.name()).get(),
                s -> Sites.isTrue(s, "Ready"));
        assertThat(live.getMetadata().getAnnotations()).doesNotContainKey("wpoven.io/quiesced-by");
        RawHttp.Response page = within(STEP).alias("the restored home page").until(() -> site.get("/"),
                r -> r.status() == 200);
        assertThat(page.text()).contains(marker).contains("Data kept").doesNotContain("Damaged");
        RawHttp.Response upload = site.get("/wp-content/uploads/2026/12/report.txt");
        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.text()).isEqualTo("quarterly figures " + marker + "\n");
        return killedAt;
    }

    @Test
    void aStagingServesItsCopyBehindBasicAuthPushesToLiveAndRollsBackAFailedPush(TestNamespace ns) {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite live = new RealSite(ns, "shop", "shop.wpoven.test");
        RealSite staging = new RealSite(ns, "shop-staging", "staging.shop.wpoven.test");
        ns.applySiteYaml(RealSite.yaml(node, live.name(), live.domain()));
        RealSite.claim(ns, "backups");
        within(READY).alias("live Ready on real pods").until(() -> ns.site(live.name()).get(),
                s -> Sites.isTrue(s, "Ready"));
        String original = "Live title " + UUID.randomUUID();
        live.sql("UPDATE wp_posts SET post_title = '" + original + "' WHERE ID = 1");
        live.flushObjectCache();

        ns.applyRaw(staging(null));
        within(READY).alias("Staging Ready").until(() -> ns.get(Staging.class, staging.name()).get(),
                s -> s != null && s.getStatus() != null && s.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));

        // behind basic auth, with live's content and its own URLs
        Secret login = ns.client().secrets().inNamespace(ns.name()).withName(staging.name() + "-basic-auth").get();
        String user = decode(login, "username");
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + decode(login, "password"))
                .getBytes(StandardCharsets.UTF_8));
        RawHttp.Response refused = within(STEP).alias("staging answers").until(() -> staging.get("/"),
                r -> r.status() == 401);
        assertThat(refused.text()).doesNotContain(original);
        RawHttp.Response copy = within(STEP).alias("staging's copy").until(
                () -> staging.get("/", Map.entry("Authorization", basic)), r -> r.status() == 200);
        assertThat(copy.text()).contains(original).contains("http://staging.shop.wpoven.test")
                .doesNotContain("//shop.wpoven.test");
        assertThat(copy.header("X-Robots-Tag")).contains("noindex");

        // edit on staging, push wp_posts: live serves it, behind a checkpoint Backup of live
        String edited = "Edited on staging " + UUID.randomUUID();
        staging.sql("UPDATE wp_posts SET post_title = '" + edited + "' WHERE ID = 1");
        Map<String, Long> liveBefore = live.checksums();
        ns.applyRaw(staging("push: {id: release-1, include: {database: true, files: false}, tables: [wp_posts]}"));
        // the operator-kill test of a push: killed at every step it reaches, the push still ends Succeeded.
        // Its Jobs: the checkpoint Backup's (<staging>-push-<id>-<request>-…) and the copy (<staging>-push-<id>-<request>)
        java.util.function.Function<String, String> requestOf = id -> {
            var p = ns.get(Staging.class, staging.name()).get().getStatus().getLastPush();
            return p != null && id.equals(p.getId()) && p.getRequest() != null ? p.getRequest() : "-none-";
        };
        java.util.function.Predicate<String> copyJob = job -> job.equals("shop-staging-push-release-1-" + requestOf.apply("release-1"));
        java.util.function.Predicate<String> checkpointJob = job -> job.startsWith("shop-staging-push-release-1-"
                + requestOf.apply("release-1") + "-");
        List<String> killedAt = new OperatorKills("push release-1")
                .at("requested, nothing done", () -> true)
                .at("Checkpoint, no Backup yet", pushStep(ns, staging.name(), "release-1", "Checkpoint"))
                .at("Checkpoint, its backup's Job created", OperatorKills.job(ns, checkpointJob))
                .at("Checkpoint, its backup's pod running", OperatorKills.jobPodStarted(ns, checkpointJob))
                .at("Quiescing", pushStep(ns, staging.name(), "release-1", "Quiescing"))
                .at("Copying, live stopped, no Job yet", pushStep(ns, staging.name(), "release-1", "Copying"))
                .at("Copying, its Job created", OperatorKills.job(ns, copyJob))
                .at("Copying, its pod running", OperatorKills.jobPodStarted(ns, copyJob))
                .walk(Duration.ofMinutes(8), () -> pushEnded(ns.get(Staging.class, staging.name()).get()
                        .getStatus().getLastPush(), "release-1"));
        StagingStatus.SyncStatus push = awaitPush(ns, staging.name(), "release-1");
        assertThat(push.getOutcome()).as(push.getMessage()).isEqualTo("Succeeded");
        assertThat(livePage(live).text()).contains(edited).doesNotContain(original);
        // after the push, not a mix: wp_posts is staging's, every other table exactly what live had (but wp_options,
        // which WordPress itself writes while it serves: transients, cron)
        Map<String, Long> liveAfter = live.checksums();
        assertThat(liveAfter.get("wp_posts")).isNotEqualTo(liveBefore.get("wp_posts"));
        for (String table : List.of("wp_posts", "wp_options")) {
            liveBefore.remove(table);
            liveAfter.remove(table);
        }
        assertThat(liveAfter).as("live's other tables after the push").isEqualTo(liveBefore);
        Backup checkpoint = ns.client().resources(Backup.class).inNamespace(ns.name())
                .withLabel("wpoven.io/request", push.getRequest()).list().getItems().stream().findFirst().orElseThrow();
        assertThat(checkpoint.getSpec().getSiteRef().getName()).isEqualTo(live.name());
        assertThat(checkpoint.getStatus().getConditions()).anyMatch(c -> "Complete".equals(c.getType())
                && "True".equals(c.getStatus()));

        // a push that dies while it copies (its pod killed after the first table): live rolled back from the
        // checkpoint, serving what it served before
        String never = "Never live " + UUID.randomUUID();
        staging.sql("UPDATE wp_posts SET post_title = '" + never + "' WHERE ID = 1",
                "CREATE TABLE wp_e2e_bulk (id INT PRIMARY KEY, body TEXT) ENGINE=InnoDB",
                "INSERT INTO wp_e2e_bulk SELECT seq, REPEAT('x', 2000) FROM seq_1_to_100000");
        ns.applyRaw(staging("push: {id: release-2, include: {database: true, files: false}, tables: [wp_posts, wp_e2e_bulk]}"));
        // the second push is killed first at the steps before Copying that the first passed while the operator was
        // away (a loaded apiserver makes the walk see fewer of them): together they cover a push's way to Copying
        java.util.function.Predicate<String> checkpoint2 = job -> job.startsWith("shop-staging-push-release-2-"
                + requestOf.apply("release-2") + "-") && !job.endsWith("-rollback-restore");
        killedAt = new java.util.ArrayList<>(killedAt);
        killedAt.addAll(new OperatorKills("push release-2, to Copying")
                .at("requested, nothing done", () -> true)
                .at("Checkpoint, no Backup yet", pushStep(ns, staging.name(), "release-2", "Checkpoint"))
                .at("Checkpoint, its backup's Job created", OperatorKills.job(ns, checkpoint2))
                .at("Checkpoint, its backup's pod running", OperatorKills.jobPodStarted(ns, checkpoint2))
                .at("Quiescing", pushStep(ns, staging.name(), "release-2", "Quiescing"))
                .walk(Duration.ofMinutes(8), () -> pushStep(ns, staging.name(), "release-2", "Copying").getAsBoolean()
                        || pushEnded(ns.get(Staging.class, staging.name()).get().getStatus().getLastPush(), "release-2"),
                        killedAt));
        assertThat(killedAt).as("steps of the pushes the operator was killed at, before their copy's end")
                .doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
        Pod pusher = within(STEP).alias("the push's pod copying").until(() -> pushPod(ns),
                p -> p != null && p.getStatus().getContainerStatuses() != null
                        && p.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getState().getRunning() != null)
                        && log(ns, p).contains("copied wp_posts"));
        node.killContainer(pusher.getStatus().getContainerStatuses().get(0).getContainerID());
        // and the operator killed at the steps of the compensation: live restored from the checkpoint all the same
        java.util.function.Predicate<String> rollbackJob = job -> job.startsWith("shop-staging-push-release-2-")
                && job.endsWith("-rollback-restore");
        List<String> killedInRollback = new OperatorKills("push release-2, rolling back")
                .at("RollingBack, the rollback Restore made", pushStep(ns, staging.name(), "release-2", "RollingBack"))
                .at("RollingBack, its restore Job created", OperatorKills.job(ns, rollbackJob))
                .at("RollingBack, its restore pod running", OperatorKills.jobPodStarted(ns, rollbackJob))
                .walk(Duration.ofMinutes(8), () -> pushEnded(ns.get(Staging.class, staging.name()).get()
                        .getStatus().getLastPush(), "release-2"));
        assertThat(killedAt.size() + killedInRollback.size()).as("steps of the pushes the operator was killed at: "
                + killedAt + " " + killedInRollback).isGreaterThanOrEqualTo(4);
        StagingStatus.SyncStatus failed = awaitPush(ns, staging.name(), "release-2");
        assertThat(failed.getOutcome()).as(failed.getMessage()).isEqualTo("RolledBack");
        RawHttp.Response after = livePage(live);
        assertThat(after.text()).contains(edited).doesNotContain(never);
        try (var c = live.db(); var s = c.createStatement();
                var rs = s.executeQuery("SHOW TABLES LIKE 'wp_e2e_bulk'")) {
            assertThat(rs.next()).as("the failed push's table on live").isFalse();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<String> RESTORE_PHASES = List.of("Pending", "SafetyBackup", "Quiescing", "Restoring",
            "Resuming", "Succeeded");

    /** The Restore has reached that phase (or a later one; Failed counts as every phase, so a walk ends there). */
    private static java.util.function.BooleanSupplier restorePhase(TestNamespace ns, String name, String phase) {
        return () -> {
            Restore r = ns.get(Restore.class, name).get();
            String now = r == null || r.getStatus() == null || r.getStatus().getPhase() == null ? "Pending"
                    : r.getStatus().getPhase();
            return "Failed".equals(now) || RESTORE_PHASES.indexOf(now) >= RESTORE_PHASES.indexOf(phase);
        };
    }

    private static final List<String> PUSH_STEPS = List.of("Checkpoint", "Quiescing", "Copying", "Resuming", "RollingBack");

    /** The push with that id has reached that step (or a later one, or has ended). */
    private static java.util.function.BooleanSupplier pushStep(TestNamespace ns, String name, String id, String step) {
        return () -> {
            StagingStatus status = ns.get(Staging.class, name).get().getStatus();
            StagingStatus.SyncStatus push = status == null ? null : status.getLastPush();
            if (push == null || !id.equals(push.getId())) {
                return false;
            }
            int at = PUSH_STEPS.indexOf(push.getOutcome());
            return at < 0 || at >= PUSH_STEPS.indexOf(step);
        };
    }

    private static String staging(String push) {
        return Sites.inCluster("""
                apiVersion: wpoven.io/v1alpha1
                kind: Staging
                metadata:
                  name: shop-staging
                spec:
                  siteRef: {name: shop}
                  domain: staging.shop.wpoven.test
                  checkpointStorage: {persistentVolumeClaim: {claimName: backups}}
                """) + (push == null ? "" : "  " + push + "\n");
    }

    private static StagingStatus.SyncStatus awaitPush(TestNamespace ns, String name, String id) {
        return within(Duration.ofMinutes(6)).alias("push " + id + " finished").until(
                () -> ns.get(Staging.class, name).get().getStatus().getLastPush(),
                p -> pushEnded(p, id));
    }

    private static boolean pushEnded(StagingStatus.SyncStatus push, String id) {
        return push != null && id.equals(push.getId()) && push.getCompletionTime() != null;
    }

    /** The live home page once the push's purge is through (a new request, not a cached copy). */
    private static RawHttp.Response livePage(RealSite live) {
        return within(STEP).alias("live serving").until(() -> live.get("/?after=" + UUID.randomUUID()),
                r -> r.status() == 200);
    }

    /** The pod of the tool's push (not its checkpoint's backup) of the second request (its Job's name carries the id). */
    private static Pod pushPod(TestNamespace ns) {
        return ns.client().pods().inNamespace(ns.name()).list().getItems().stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().getOrDefault("job-name", "").contains("push-release-2"))
                .filter(p -> p.getSpec().getContainers().get(0).getCommand().contains("push"))
                .findFirst().orElse(null);
    }

    private static String log(TestNamespace ns, Pod pod) {
        return ns.client().pods().inNamespace(ns.name()).withName(pod.getMetadata().getName()).getLog();
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    /** Artifact folders (those with a manifest) on a backup volume. */
    private static List<String> artifactsOnVolume(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals("manifest.json"))
                    .map(f -> f.getParent().getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFile(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * versitygw (images/s3) as a pod with a certificate for its Service name, signed by a CA made here: the Backup
     * trusts it only through caBundle. Its root keys are in a Secret; the Backup's credentials Secret holds the same.
     */
    private static void s3Server(TestNamespace ns, RealNode node) throws IOException {
        Path dir = Files.createTempDirectory("wpoven-s3-tls");
        String host = "s3." + ns.name() + ".svc";
        Commands.Result cert = Commands.run(Duration.ofMinutes(1), null, "openssl", "req", "-x509", "-newkey",
                "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + host, "-addext",
                "subjectAltName=DNS:" + host + ",DNS:" + host + ".cluster.local", "-keyout", dir.resolve("tls.key").toString(),
                "-out", dir.resolve("tls.crt").toString());
        assertThat(cert.exit()).as(cert.err()).isZero();
        String secretKey = "s3-" + UUID.randomUUID();
        ns.applyRaw("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: s3-tls
                  labels: {wpoven.io/credentials: s3}
                type: kubernetes.io/tls
                data:
                  tls.crt: %s
                  tls.key: %s
                """.formatted(base64(dir.resolve("tls.crt")), base64(dir.resolve("tls.key"))));
        ns.applyRaw("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: backup-s3
                  labels: {wpoven.io/credentials: s3}
                stringData:
                  access-key-id: wpoven-e2e
                  secret-access-key: %s
                """.formatted(secretKey));
        ns.applyRaw("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: s3
                  labels: {app: s3}
                spec:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 1001
                    runAsGroup: 1001
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: versitygw
                    image: %s
                    imagePullPolicy: Never
                    command: [sh, -c, "mkdir -p /data/backups && exec versitygw --port :7070 --cert /tls/tls.crt --key /tls/tls.key posix /data"]
                    env:
                    - {name: ROOT_ACCESS_KEY_ID, valueFrom: {secretKeyRef: {name: backup-s3, key: access-key-id}}}
                    - {name: ROOT_SECRET_ACCESS_KEY, valueFrom: {secretKeyRef: {name: backup-s3, key: secret-access-key}}}
                    ports: [{containerPort: 7070}]
                    readinessProbe: {tcpSocket: {port: 7070}, periodSeconds: 1}
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities: {drop: [ALL]}
                    volumeMounts:
                    - {name: data, mountPath: /data}
                    - {name: tls, mountPath: /tls, readOnly: true}
                  volumes:
                  - {name: data, emptyDir: {}}
                  - {name: tls, secret: {secretName: s3-tls}}
                """.formatted(node.image("s3")));
        ns.applyRaw("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: s3
                spec:
                  selector: {app: s3}
                  ports: [{port: 7070, targetPort: 7070}]
                """);
    }

    private static String base64(Path file) throws IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }
}
