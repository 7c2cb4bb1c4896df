package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.support.Component;

/**
 * A site made elsewhere moves in (docs/developers.md, "Import an existing site"): what a host hands over — a stock
 * mariadb-dump file with its LOCK TABLES, gzipped, and {@code tar czf} of wp-content — put on a volume, imported into
 * a site on the real node by a Restore with importFrom. The site's automatic Backup takes the safety backup first; then
 * the site serves the imported post with its links on the new domain, the imported upload, and nothing of the tables
 * it had before.
 */
@io.wpoven.e2e.harness.E2eTest
@Exclusive.RealNode
class RealImportIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofMinutes(4);
    private static final String OLD_DOMAIN = "old.agency.test";

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void aStockDumpAndAWpContentArchiveMoveInUnderTheNewDomain(TestNamespace ns) throws IOException {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite site = new RealSite(ns, "moved", "moved.wpoven.test");
        RealSite.claim(ns, "handover");
        RealSite.claim(ns, "site-backups");
        ns.applySiteYaml(RealSite.yaml(node, site.name(), site.domain()) + """
                  backup:
                    schedule: "0 3 * * *"
                    storage:
                      persistentVolumeClaim: {claimName: site-backups}
                """);
        // a pod that mounts the hand-over volume, so that it is made (WaitForFirstConsumer): the host copies into it
        ns.applyRaw("""
                apiVersion: v1
                kind: Pod
                metadata: {name: handover}
                spec:
                  securityContext: {runAsNonRoot: true, runAsUser: 33, runAsGroup: 33, seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - name: hold
                    image: %s
                    imagePullPolicy: Never
                    command: [sleep, "600"]
                    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                    volumeMounts: [{name: handover, mountPath: /handover}]
                  volumes: [{name: handover, persistentVolumeClaim: {claimName: handover}}]
                """.formatted(node.image("wordpress")));
        within(READY).alias("site Ready on real pods").until(() -> ns.site(site.name()).get(), s -> Sites.isTrue(s, "Ready"));

        // the old host's site: a post linking to its own domain, an upload; exported the way hosts do it
        String marker = "Moved in from the agency " + UUID.randomUUID();
        site.sql("UPDATE wp_posts SET post_title = '" + marker + "', post_content = CONCAT('<a href=\"http://"
                + site.domain() + "/about/\">About us</a> ', post_content) WHERE ID = 1");
        Path export = Files.createTempDirectory("wpoven-import");
        Path folder = Files.createDirectories(export.resolve("volume/oldblog"));
        String host = site.pod(Component.DATABASE).getStatus().getPodIP();
        Commands.Result dump = Commands.run(Duration.ofMinutes(2), site.secret("mariadb-root-password"), "sh", "-c",
                "MYSQL_PWD=\"$(cat)\" mariadb-dump --no-defaults -h" + host + " -uroot --hex-blob --single-transaction"
                + " wordpress | sed 's#//" + site.domain() + "#//" + OLD_DOMAIN + "#g' | gzip > " + folder.resolve("oldblog.sql.gz"));
        assertThat(dump.exit()).as(dump.err()).isZero();
        Path oldContent = export.resolve("wp-content");
        Commands.Result copy = Commands.run(Duration.ofMinutes(1), null, "cp", "-a", site.contentDir().toString(),
                oldContent.toString());
        assertThat(copy.exit()).as(copy.err()).isZero();
        String upload = "handed over " + marker + "\n";
        Files.createDirectories(oldContent.resolve("uploads/2026/12"));
        Files.writeString(oldContent.resolve("uploads/2026/12/handover.txt"), upload);
        Commands.Result tar = Commands.run(Duration.ofMinutes(1), null, "tar", "czf",
                folder.resolve("wp-content.tar.gz").toString(), "-C", export.toString(), "wp-content");
        assertThat(tar.exit()).as(tar.err()).isZero();
        String gz = Commands.run(Duration.ofMinutes(1), null, "sh", "-c", "zcat " + folder.resolve("oldblog.sql.gz")).out();
        assertThat(gz).contains("LOCK TABLES").contains("//" + OLD_DOMAIN).doesNotContain("//" + site.domain());

        // the new site as it is before the move: another title, a table of its own, no such upload
        site.sql("UPDATE wp_posts SET post_title = 'Not moved yet' WHERE ID = 1",
                "CREATE TABLE wp_before_the_move (id INT PRIMARY KEY)");
        site.flushObjectCache();
        within(STEP).alias("the hand-over volume made").until(
                () -> ns.client().persistentVolumeClaims().inNamespace(ns.name()).withName("handover").get(),
                (PersistentVolumeClaim c) -> c.getSpec().getVolumeName() != null);
        Path volume = RealSite.volumeDir(ns, "handover");
        Commands.Result put = Commands.run(Duration.ofMinutes(1), null, "cp", "-r", folder.toString(), volume.toString());
        assertThat(put.exit()).as(put.err()).isZero();

        ns.applyRaw(Sites.inCluster("""
                apiVersion: wpoven.io/v1alpha1
                kind: Restore
                metadata:
                  name: move-in
                spec:
                  targetSite: {name: moved}
                  importFrom:
                    storage:
                      persistentVolumeClaim: {claimName: handover}
                      prefix: oldblog
                    database: oldblog.sql.gz
                    content: wp-content.tar.gz
                    siteUrl: https://%s
                """.formatted(OLD_DOMAIN)));
        Restore done = within(STEP.multipliedBy(2)).alias("the import ended").until(() -> ns.get(Restore.class, "move-in").get(),
                r -> r.getStatus() != null && List.of("Succeeded", "Failed").contains(r.getStatus().getPhase()));
        assertThat(done.getStatus().getPhase()).as("%s", done.getStatus().getConditions()).isEqualTo("Succeeded");
        // Succeeded means the site serves again: the import ended only once a WordPress pod was ready
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("moved-wordpress").get().getStatus()
                .getReadyReplicas()).as("ready WordPress pods when the import reported Succeeded").isNotNull()
                .isGreaterThanOrEqualTo(1);
        assertThat(done.getStatus().getSafetyArtifact()).as("the safety backup, in the site's automatic Backup").isNotNull();
        assertThat(Files.isDirectory(RealSite.volumeDir(ns, "site-backups").resolve(ns.name() + "/moved-backup")
                .resolve(done.getStatus().getSafetyArtifact()))).as("safety artifact on the site's backup volume").isTrue();

        // what visitors see: the imported post, its link on the new domain, the imported upload
        RawHttp.Response home = within(STEP).alias("the imported post served").until(
                () -> site.get("/?v=" + UUID.randomUUID()), r -> r.status() == 200 && r.text().contains(marker));
        assertThat(home.text()).contains("//" + site.domain() + "/").doesNotContain(OLD_DOMAIN);
        // the WordPress pod has just started again: its readiness may still flap on a loaded node (a 503 from Varnish)
        RawHttp.Response file = within(STEP).alias("the imported upload served").until(
                () -> site.get("/wp-content/uploads/2026/12/handover.txt"), r -> r.status() != 503);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.text()).isEqualTo(upload);
        // the database holds exactly the dump's tables; home is the new domain
        assertThat(site.checksums()).doesNotContainKey("wp_before_the_move").containsKey("wp_posts");
        try (var c = site.db(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT option_value FROM wp_options WHERE option_name = 'home'),"
                        + " (SELECT post_content FROM wp_posts WHERE ID = 1),"
                        + " (SELECT COUNT(*) FROM wp_posts WHERE CONCAT(post_content, guid) LIKE '%" + OLD_DOMAIN + "%')"
                        + " + (SELECT COUNT(*) FROM wp_options WHERE option_value LIKE '%" + OLD_DOMAIN + "%')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).endsWith("//" + site.domain());
            assertThat(rs.getString(2)).as("the post's link").contains("<a href=\"http://" + site.domain() + "/about/\">");
            assertThat(rs.getLong(3)).as("rows still naming the old domain").isZero();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(RealSite.fileSums(site.contentDir())).containsKey("uploads/2026/12/handover.txt");
        Map<String, String> left = RealSite.fileSums(site.contentDir());
        assertThat(left.keySet()).noneMatch(k -> k.startsWith(".wpoven-"));
    }
}
