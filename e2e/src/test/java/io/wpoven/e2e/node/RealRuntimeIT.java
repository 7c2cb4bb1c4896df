package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressRuntimeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;

/**
 * WordPress's runtime duties on the real node (docs/wordpress-runtime.md), two sites at once to share their start:
 * a post scheduled on the PHP 8.2 site is published by its wp-cron CronJob while visitors only hit the cache; the two
 * sites run PHP 8.2 (WordPress 6.1, Debian 12's image) and 8.4 (WordPress 6.8, Debian 13's) and say so in status; then
 * the 8.2 site moves to 8.4: backed up, its database upgraded by a Job before the new pods serve, its content served.
 * Runs with WPOVEN_REAL_NODE=1; skipped otherwise.
 */
@E2eTest
@io.wpoven.e2e.harness.Exclusive.RealNode
class RealRuntimeIT {
    private static final Duration READY = Duration.ofMinutes(5);
    /** How far ahead the post is scheduled: the check that it is still pending comes first. */
    private static final Duration AHEAD = Duration.ofSeconds(65);
    /** A one-minute schedule runs at most 60 s after the post is due; a run's pod starts and copies core in seconds. */
    private static final Duration CRON_SLACK = Duration.ofSeconds(60 + 45);

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void cronPublishesScheduledPostsPhpVersionsDifferAndAnUpgradeMigratesTheDatabaseFirst(TestNamespace ns) {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite.claim(ns, "backups");
        RealSite old = new RealSite(ns, "php82", "php82.wpoven.test");
        RealSite current = new RealSite(ns, "php84", "php84.wpoven.test");
        ns.applySiteYaml(yaml(node, old, null));
        ns.applySiteYaml(yaml(node, current, "8.4"));
        within(READY).alias("both sites Ready").until(() -> ns.site(old.name()).get() != null
                && Sites.isTrue(ns.site(old.name()).get(), "Ready") && Sites.isTrue(ns.site(current.name()).get(), "Ready"));

        // --- wp-cron: a CronJob per site; the home page cached, so visitors never reach PHP from now on
        CronJob cron = ns.client().batch().v1().cronjobs().inNamespace(ns.name()).withName("php82-cron").get();
        assertThat(cron.getSpec().getSchedule()).isEqualTo("* * * * *");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        within(Duration.ofMinutes(2)).alias("the home page").until(() -> old.get("/"), r -> r.status() == 200);
        assertThat(old.get("/").cache()).isEqualTo("HIT");
        // wp-config as the pods load it: page views never run due events; a post scheduled as wp-admin does it
        // (wp_insert_post with status future schedules its publish_future_post event)
        String title = "Scheduled " + UUID.randomUUID().toString().substring(0, 8);
        Instant due = Instant.now().plus(AHEAD);
        String gmt = "gmdate('Y-m-d H:i:s', " + due.getEpochSecond() + ")";
        String[] scheduled = old.wordpressPhp("$id = wp_insert_post(['post_title' => '" + title + "', 'post_content' =>"
                + " 'Published by wp-cron.', 'post_status' => 'future', 'post_date_gmt' => " + gmt + ", 'post_date' =>"
                + " get_date_from_gmt(" + gmt + ")]); echo $id, ' ', DISABLE_WP_CRON ? 'off' : 'on', ' ',"
                + " get_post_status($id), ' ', wp_next_scheduled('publish_future_post', [$id]);").trim().split(" ");
        assertThat(scheduled).hasSize(4);
        String id = scheduled[0];
        assertThat(scheduled[1]).as("DISABLE_WP_CRON in wp-config").isEqualTo("off");
        assertThat(scheduled[2]).isEqualTo("future");
        assertThat(Long.parseLong(scheduled[3])).as("publish_future_post due with the post").isEqualTo(due.getEpochSecond());
        assertThat(old.get("/?p=" + id).status()).as("not published yet").isEqualTo(404);
        assertThat(old.get("/").cache()).isEqualTo("HIT");

        // --- PHP versions, while the post waits: each site runs its version's image and status says which
        WordPressRuntimeStatus on82 = runtime(ns, old, "8.2");
        WordPressRuntimeStatus on84 = runtime(ns, current, "8.4");
        assertThat(on82.getImage()).isEqualTo(node.image("wordpress"));
        assertThat(on84.getImage()).isEqualTo(node.image("wordpress-php8.4"));
        assertThat(on82.getCoreVersion()).startsWith("6.1");
        assertThat(on84.getCoreVersion()).startsWith("6.8");
        assertThat(phpInPod(old)).isEqualTo("8.2");
        assertThat(phpInPod(current)).isEqualTo("8.4");
        assertThat(Long.parseLong(old.query("SELECT option_value FROM wp_options WHERE option_name = 'db_version'")))
                .isEqualTo(on82.getDbVersion());
        RawHttp.Response page84 = within(Duration.ofMinutes(2)).alias("the 8.4 site's home page")
                .until(() -> current.get("/"), r -> r.status() == 200);
        assertThat(page84.text()).contains("php84");
        // still only cache hits on the 8.2 site; its post is published by a run of the CronJob
        assertThat(old.get("/").cache()).isEqualTo("HIT");
        within(AHEAD.plus(CRON_SLACK)).alias("the post published by wp-cron").pollInterval(Duration.ofSeconds(3))
                .until(() -> old.query("SELECT post_status FROM wp_posts WHERE ID = " + id), "publish"::equals);
        assertThat(Instant.now()).isBefore(due.plus(CRON_SLACK));
        assertThat(ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems())
                .as("a run of the CronJob succeeded").anySatisfy(job -> {
                    assertThat(job.getMetadata().getName()).startsWith("php82-cron-");
                    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
                });
        // served: its page, and the home page (the publish purged the cached one)
        assertThat(within(Duration.ofSeconds(30)).alias("the post's page").until(() -> post(old, id, "1"),
                r -> r.status() == 200).text()).contains(title);
        within(Duration.ofSeconds(30)).alias("the home page lists it").until(() -> old.get("/"),
                r -> r.status() == 200 && r.text().contains(title));

        // --- the 8.2 site moves to 8.4: WordPress 6.8's core needs a newer schema than 6.1's database has
        io.wpoven.e2e.harness.TestNamespace.edit(ns.client().resources(WordPressSite.class).inNamespace(ns.name()).withName(old.name()), s -> {
                    s.getSpec().getWordpress().setPhpVersion("8.4");
                    return s;
                });
        // the operator-kill test of the image change: SIGKILLed at each step it reaches; it still ends Succeeded
        String target = node.image("wordpress-php8.4");
        List<String> killedAt = new OperatorKills("image change of " + old.name())
                .at("Checking", upgradePhase(ns, old, target, "Checking"))
                .at("Quiescing", upgradePhase(ns, old, target, "Quiescing"))
                .at("BackingUp, its Backup's Job made", OperatorKills.job(ns, n -> n.startsWith(old.name() + "-pre-upgrade-")))
                .at("BackingUp, its pod running", OperatorKills.jobPodStarted(ns, n -> n.startsWith(old.name() + "-pre-upgrade-")))
                .at("Upgrading, its Job made", OperatorKills.job(ns, n -> n.startsWith(old.name() + "-wp-upgrade-")))
                .at("Upgrading, its pod running", OperatorKills.jobPodStarted(ns, n -> n.startsWith(old.name() + "-wp-upgrade-")))
                .at("Releasing", upgradePhase(ns, old, target, "Releasing"))
                .walk(Duration.ofMinutes(10), upgradePhase(ns, old, target, "Succeeded"));
        assertThat(killedAt).as("steps of the image change the operator was killed at").hasSizeGreaterThanOrEqualTo(3);
        WordPressSite upgraded = within(READY).alias("the image change ended").until(() -> ns.site(old.name()).get(),
                s -> s.getStatus().getWordpress().getUpgrade() != null
                        && node.image("wordpress-php8.4").equals(s.getStatus().getWordpress().getUpgrade().getImage())
                        && s.getStatus().getWordpress().getUpgrade().getCompletionTime() != null);
        WordPressRuntimeStatus after = upgraded.getStatus().getWordpress();
        assertThat(after.getUpgrade().getPhase()).as(after.getUpgrade().getMessage()).isEqualTo("Succeeded");
        assertThat(after.getUpgrade().getDbVersionBefore()).isEqualTo(on82.getDbVersion());
        assertThat(after.getUpgrade().getDbVersionAfter()).isEqualTo(on84.getDbVersion()).isGreaterThan(on82.getDbVersion());
        assertThat(after.getDbVersion()).isEqualTo(on84.getDbVersion());
        assertThat(after.getImage()).isEqualTo(node.image("wordpress-php8.4"));
        assertThat(after.getCoreVersion()).isEqualTo(on84.getCoreVersion());
        // the backup first, then the upgrade Job, and the database at the new core's schema
        Backup backup = ns.client().resources(Backup.class).inNamespace(ns.name()).withName(after.getUpgrade().getBackup()).get();
        assertThat(backup.getStatus().getLatestArtifact()).isNotNull();
        Job upgradeJob = ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                .filter(j -> j.getMetadata().getName().startsWith("php82-wp-upgrade-")).findFirst().orElseThrow();
        assertThat(upgradeJob.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(Instant.parse(backup.getStatus().getLatestArtifact().getCompletionTime()))
                .isBeforeOrEqualTo(Instant.parse(upgradeJob.getStatus().getStartTime()));
        assertThat(Long.parseLong(old.query("SELECT option_value FROM wp_options WHERE option_name = 'db_version'")))
                .isEqualTo(on84.getDbVersion());
        // the new pods serve the content on PHP 8.4
        within(READY).alias("the site Ready on the new image").until(() -> ns.site(old.name()).get(),
                s -> Sites.isTrue(s, "Ready") && ns.client().apps().deployments().inNamespace(ns.name())
                        .withName("php82-wordpress").get().getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> c.getImage().equals(node.image("wordpress-php8.4"))));
        within(Duration.ofMinutes(2)).alias("one pod on PHP 8.4").until(() -> phpInPodOrNull(old), "8.4"::equals);
        assertThat(within(Duration.ofMinutes(1)).alias("the post after the upgrade")
                .until(() -> post(old, id, "2"), r -> r.status() == 200).text()).contains(title);
    }

    private static final List<String> UPGRADE_PHASES = List.of("Checking", "Quiescing", "BackingUp", "Upgrading",
            "Releasing", "Succeeded");

    /** The image change to that image has reached the phase (or a later one, or Failed). */
    private static java.util.function.BooleanSupplier upgradePhase(TestNamespace ns, RealSite site, String image, String phase) {
        return () -> {
            WordPressSite s = ns.site(site.name()).get();
            var upgrade = s == null || s.getStatus() == null || s.getStatus().getWordpress() == null ? null
                    : s.getStatus().getWordpress().getUpgrade();
            if (upgrade == null || !image.equals(upgrade.getImage()) || upgrade.getPhase() == null) {
                return false;
            }
            return "Failed".equals(upgrade.getPhase())
                    || UPGRADE_PHASES.indexOf(upgrade.getPhase()) >= UPGRADE_PHASES.indexOf(phase);
        };
    }

    /** A post by its id, past WordPress's redirect to its permalink. */
    private static RawHttp.Response post(RealSite site, String id, String nonce) {
        RawHttp.Response r = site.get("/?p=" + id + "&u=" + nonce);
        return r.status() == 301 && r.header("Location") != null
                ? site.get(r.header("Location").replaceFirst("^https?://[^/]+", ""))
                : r;
    }

    /** status.wordpress once the site's image check has reported, on that PHP version. */
    private static WordPressRuntimeStatus runtime(TestNamespace ns, RealSite site, String php) {
        return within(Duration.ofMinutes(2)).alias(site.name() + " status.wordpress").until(
                () -> ns.site(site.name()).get().getStatus().getWordpress(),
                w -> w != null && php.equals(w.getPhpVersion()) && w.getDbVersion() != null);
    }

    private static String phpInPod(RealSite site) {
        return site.exec(Component.WORDPRESS, "php-fpm", "php", "-r", "echo PHP_MAJOR_VERSION, '.', PHP_MINOR_VERSION;");
    }

    private static String phpInPodOrNull(RealSite site) {
        try {
            return phpInPod(site);
        } catch (AssertionError | RuntimeException e) {
            return null; // pods rolling: none or two
        }
    }

    /** RealSite's site with spec.wordpress.phpVersion instead of an image, and a backup storage (yearly: never runs here). */
    private static String yaml(RealNode node, RealSite site, String phpVersion) {
        return RealSite.yaml(node, site.name(), site.domain())
                .replace("  wordpress: {image: " + node.image("wordpress") + "}",
                        "  wordpress: {" + (phpVersion == null ? "" : "phpVersion: \"" + phpVersion + "\"") + "}")
                + """
                  backup:
                    schedule: "0 0 1 1 *"
                    storage: {persistentVolumeClaim: {claimName: backups}}
                """;
    }
}
