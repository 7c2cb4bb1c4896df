package io.wpoven.e2e.staging;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * Staging on the local cluster: the staging site and its first copy, push and refresh requests run once per id
 * behind a checkpoint, ownership and deletion. KWOK completes the tool's Jobs; what they do to real databases
 * and files is tested by io.wpoven.e2e.tool.
 */
@E2eTest
class StagingIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    static String staging(String extra) {
        return """
                apiVersion: wpoven.io/v1alpha1
                kind: Staging
                metadata: {name: blog-staging}
                spec:
                  siteRef: {name: blog}
                  domain: staging.blog.example.com
                  checkpointStorage: {persistentVolumeClaim: {claimName: backups}}
                %s
                """.formatted(extra.indent(2));
    }

    @Test
    void aStagingIsASmallProtectedCopyOfLiveThatBecomesReady(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  replicas: 3\n  autoscaling: {enabled: true, maxReplicas: 6}\n");
        awaitReady(ns, "blog");
        ns.applyRaw(staging(""));

        WordPressSite site = within(TIMEOUT).alias("staging site").until(() -> ns.site("blog-staging").get(), s -> s != null);
        assertThat(site.getSpec().getDomains()).containsExactly("staging.blog.example.com");
        assertThat(site.getSpec().getReplicas()).as("a smaller footprint").isEqualTo(1);
        assertThat(site.getSpec().getAutoscaling().getEnabled()).isFalse();
        assertThat(site.getSpec().getAccess().getBasicAuth()).isTrue();
        assertThat(site.getSpec().getAccess().getNoindex()).isTrue();
        assertThat(site.getSpec().getDeletionPolicy().name()).isEqualTo("Delete");
        assertThat(site.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("Staging"));

        Job clone = within(TIMEOUT).alias("clone Job").until(() -> ns.get(Job.class, "blog-staging-clone").get(), j -> j != null);
        Container tool = clone.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(tool.getCommand()).endsWith("clone");
        assertThat(env(tool, "FROM_URL")).isEqualTo("//blog.example.com");
        assertThat(env(tool, "TO_URL")).isEqualTo("//staging.blog.example.com");
        assertThat(env(tool, "SOURCE_DB_HOST")).isEqualTo("blog-mariadb");
        assertThat(env(tool, "TARGET_DB_HOST")).isEqualTo("blog-staging-mariadb");
        assertThat(clone.getSpec().getTemplate().getMetadata().getLabels())
                .as("let into both databases").containsEntry("data.wpoven.io/blog", "true")
                .containsEntry("data.wpoven.io/blog-staging", "true");

        Staging ready = awaitCondition(ns, "Ready", "True");
        assertThat(ready.getStatus().getUrl()).isEqualTo("http://staging.blog.example.com/");
        assertThat(condition(ready, "Cloned").getStatus()).isEqualTo("True");
        Secret login = ns.get(Secret.class, "blog-staging-basic-auth").get();
        assertThat(login.getData()).containsKeys("username", "password", "htpasswd");
        assertThat(ns.site("blog").get().getSpec().getReplicas()).as("live untouched").isEqualTo(3);
    }

    @Test
    void aPushRunsOnceBehindACheckpointAndPurgesLive(TestNamespace ns) {
        readyStaging(ns);
        ns.applyRaw(staging("""
                push:
                  id: release-1
                  include: {database: true, files: false}
                  tables: [wp_posts, wp_postmeta]
                """));
        String request = request(ns, "release-1");
        Backup checkpoint = within(TIMEOUT).alias("checkpoint Backup of live").until(
                () -> ns.get(Backup.class, "blog-staging-push-release-1-" + request + "-checkpoint").get(), b -> b != null);
        assertThat(checkpoint.getSpec().getSiteRef().getName()).isEqualTo("blog");
        assertThat(checkpoint.getMetadata().getLabels()).containsEntry("wpoven.io/request", request);
        Job push = within(TIMEOUT).alias("push Job").until(() -> ns.get(Job.class, "blog-staging-push-release-1-" + request).get(),
                j -> j != null);
        Container tool = push.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(tool.getCommand()).endsWith("push");
        assertThat(env(tool, "TABLES")).isEqualTo("wp_posts,wp_postmeta");
        assertThat(env(tool, "FROM_URL")).isEqualTo("//staging.blog.example.com");
        assertThat(env(tool, "TO_URL")).isEqualTo("//blog.example.com");
        assertThat(env(tool, "TARGET_DB_HOST")).isEqualTo("blog-mariadb");
        assertThat(env(tool, "INCLUDE_FILES")).isEqualTo("false");

        Staging done = within(TIMEOUT).alias("push succeeded").until(() -> ns.get(Staging.class, "blog-staging").get(),
                s -> s.getStatus().getLastPush() != null && "Succeeded".equals(s.getStatus().getLastPush().getOutcome()));
        assertThat(done.getStatus().getLastPush().getId()).isEqualTo("release-1");
        assertThat(done.getStatus().getLastPush().getCheckpoint()).isNotBlank();
        WordPressSite live = ns.site("blog").get();
        assertThat(live.getMetadata().getAnnotations()).doesNotContainKey("wpoven.io/quiesced-by")
                .containsEntry("wpoven.io/purge-cache", "push-blog-staging-release-1");
        awaitReady(ns, "blog");

        // the request stays handled: no second push Job while the operator keeps reconciling
        String finished = done.getStatus().getLastPush().getCompletionTime();
        long jobs = io.wpoven.e2e.harness.Stability.awaitStable("tool Jobs of the Staging", () -> ns.client().batch().v1().jobs()
                .inNamespace(ns.name()).withLabel("wpoven.io/staging", "blog-staging").list().getItems().size(),
                Duration.ofSeconds(10), Duration.ofSeconds(40));
        assertThat(jobs).as("the clone and one push").isEqualTo(2);
        assertThat(ns.get(Staging.class, "blog-staging").get().getStatus().getLastPush().getCompletionTime()).isEqualTo(finished);
    }

    @Test
    void aPushWithoutCheckpointStorageChangesNothingAndSaysWhy(TestNamespace ns) {
        readyStaging(ns);
        ns.applyRaw(staging("push: {id: no-storage}").replace("  checkpointStorage: {persistentVolumeClaim: {claimName: backups}}\n", ""));
        Staging failed = within(TIMEOUT).alias("push failed").until(() -> ns.get(Staging.class, "blog-staging").get(),
                s -> s.getStatus().getLastPush() != null && "Failed".equals(s.getStatus().getLastPush().getOutcome()));
        assertThat(failed.getStatus().getLastPush().getMessage()).contains("Nothing was changed").contains("checkpointStorage");
        assertThat(ns.client().batch().v1().jobs().inNamespace(ns.name()).withLabel("wpoven.io/request").list().getItems())
                .as("no push Job").isEmpty();
    }

    /** Issue 15 item 1: ids that share their first 16 characters, and an id used again, are requests of their own. */
    @Test
    void everyPushIdRunsItsOwnCopyEvenWhenIdsShareAPrefixOrComeBack(TestNamespace ns) {
        readyStaging(ns);
        java.util.Set<String> checkpoints = new java.util.HashSet<>();
        for (String id : java.util.List.of("release-2026-11-28", "release-2026-11-29", "release-2026-11-28")) {
            ns.applyRaw(staging("push: {id: " + id + ", include: {database: true, files: false}}"));
            String request = request(ns, id);
            Staging done = within(TIMEOUT).alias("push " + id + " succeeded").until(() -> ns.get(Staging.class, "blog-staging").get(),
                    s -> request.equals(s.getStatus().getLastPush().getRequest())
                            && "Succeeded".equals(s.getStatus().getLastPush().getOutcome()));
            Job job = ns.get(Job.class, "blog-staging-push-" + id.substring(0, 12) + "-" + request).get();
            assertThat(job).as("the push Job of " + id).isNotNull();
            assertThat(job.getMetadata().getLabels()).containsEntry("wpoven.io/request", request);
            assertThat(checkpoints.add(done.getStatus().getLastPush().getCheckpoint())).as("its own checkpoint").isTrue();
        }
        var pushJobs = ns.client().batch().v1().jobs().inNamespace(ns.name()).withLabel("wpoven.io/request").list().getItems();
        assertThat(pushJobs).as("three pushes, three copies").hasSize(3);
        assertThat(pushJobs.stream().map(j -> j.getMetadata().getLabels().get("wpoven.io/request")).distinct()).hasSize(3);
        assertThat(ns.client().resources(Backup.class).inNamespace(ns.name()).withLabel("wpoven.io/request").list().getItems())
                .as("three checkpoints").hasSize(3);
    }

    /** The identity the operator gave the push with this id, once it is in status. */
    static String request(TestNamespace ns, String id) {
        return within(TIMEOUT).alias("push " + id + " started").until(() -> ns.get(Staging.class, "blog-staging").get(),
                s -> s.getStatus() != null && s.getStatus().getLastPush() != null && id.equals(s.getStatus().getLastPush().getId())
                        && s.getStatus().getLastPush().getRequest() != null).getStatus().getLastPush().getRequest();
    }

    @Test
    void deletingAStagingRemovesItsSiteAndNeverTheLiveSite(TestNamespace ns) {
        readyStaging(ns);
        ns.get(Staging.class, "blog-staging").delete();
        within(TIMEOUT).alias("staging site gone").until(() -> ns.site("blog-staging").get() == null);
        assertThat(ns.site("blog").get()).isNotNull();
        awaitReady(ns, "blog");
    }

    @Test
    void aStagingNamedLikeAnExistingSiteNeverTakesItOver(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        ns.applySiteYaml(minimal("other", "other.example.com"));
        ns.applyRaw(staging("").replace("name: blog-staging", "name: other"));
        Staging s = awaitCondition(ns, "other", "Ready", "False", "NameTaken");
        assertThat(s).isNotNull();
        assertThat(ns.site("other").get().getSpec().getDomains()).containsExactly("other.example.com");
        assertThat(ns.site("other").get().getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    static void readyStaging(TestNamespace ns) {
        ns.apply(new PersistentVolumeClaimBuilder().withNewMetadata().withName("backups").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build());
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        ns.applyRaw(staging(""));
        awaitCondition(ns, "Ready", "True");
    }

    static Staging awaitCondition(TestNamespace ns, String type, String status) {
        return awaitCondition(ns, "blog-staging", type, status, null);
    }

    static Staging awaitCondition(TestNamespace ns, String name, String type, String status, String reason) {
        return within(TIMEOUT).alias(name + " " + type + "=" + status).until(() -> ns.get(Staging.class, name).get(),
                s -> s != null && s.getStatus() != null && s.getStatus().getConditions().stream().anyMatch(c ->
                        c.getType().equals(type) && c.getStatus().equals(status) && (reason == null || reason.equals(c.getReason()))));
    }

    static Condition condition(Staging s, String type) {
        return s.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }
}
