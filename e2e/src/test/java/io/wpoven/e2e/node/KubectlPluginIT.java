package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;

/**
 * The kubectl plugin (manifests/kubectl-plugin/kubectl-wpoven, docs/kubectl-plugin.md) as a user runs it: the script's
 * folder on PATH, `kubectl wpoven …` with the cluster's kubeconfig. On the real node, one site: its status (URL,
 * conditions, its WordPress pod on the node), a backup waited for until Complete with its artifact on the backup
 * volume and in the status and backups output, a cache purge answered by Varnish, the administrator's login (the
 * password only on request), a command in the WordPress pod and its logs. On KWOK, what only writes and reads objects:
 * a Staging and a push waited for, a backup into a named claim and a restore of its artifact with the safety backup
 * named, shell completion through kubectl, and the errors a user sees with their exit codes. The script passes
 * shellcheck.
 */
@E2eTest
@Exclusive.RealNode
class KubectlPluginIT {
    private static final String SITE = "cli";
    private static final String DOMAIN = "cli.wpoven.test";
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Path SCRIPT = Repo.root().resolve("manifests/kubectl-plugin/kubectl-wpoven");

    /**
     * The real site comes up while the KWOK part runs in a second namespace (its pods stay on KWOK), so the class holds
     * the real node about as long as the site alone takes.
     */
    @Test
    void aSiteOwnerRunsKubectlWpoven(TestNamespace ns) throws Exception {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        long start = System.nanoTime();
        InClusterOperator.get();
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite.claim(ns, "backups");
        ns.applySiteYaml(RealSite.yaml(node, SITE, DOMAIN) + """
                  backup:
                    schedule: "0 3 1 1 *"
                    storage: {persistentVolumeClaim: {claimName: backups}}
                """);
        lap(start, "operator ready, real site applied");
        TestNamespace kwok = ns.sibling("kwok");
        try {
            stagingPushRestoreCompletionAndErrors(kwok);
        } finally {
            kwok.delete();
        }
        lap(start, "KWOK part done");
        realSite(ns, node, start);
        lap(start, "real-node part done");
    }

    /** On the real node: status, backup --wait, backups, purge --wait, admin-password, shell, logs. */
    private static void realSite(TestNamespace ns, RealNode node, long start) {
        RealSite site = new RealSite(ns, SITE, DOMAIN);
        WordPressSite ready = within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "Ready") && s.getStatus().getAdmin() != null);
        lap(start, "real site Ready");

        // status: what the operator reports, and the pods where they run
        Commands.Result status = wpoven(ns, "status", SITE).orThrow();
        assertThat(status.out()).contains("Site:        " + SITE + " (namespace " + ns.name() + ")")
                .contains("URL:         " + ready.getStatus().getUrl())
                .containsPattern("(?m)^  Ready +True ")
                .contains("Last backup: none");
        Pod wordpress = site.pod(Component.WORDPRESS);
        assertThat(status.out()).containsPattern("(?m)^  " + Pattern.quote(wordpress.getMetadata().getName())
                + " +wordpress +Running +true,true +" + Pattern.quote(node.name()) + "$");

        // a backup now, into the site's backup storage, waited for
        Commands.Result backup = wpoven(ns, Duration.ofMinutes(4), "backup", SITE, "--wait", "--timeout", "3m").orThrow();
        Matcher done = Pattern.compile("Backup (\\S+) Complete: artifact (\\S+)").matcher(backup.out());
        assertThat(done.find()).as(backup.toString()).isTrue();
        String backupName = done.group(1);
        String artifact = done.group(2);
        lap(start, "backup Complete");
        Backup made = ns.get(Backup.class, backupName).get();
        assertThat(made.getSpec().getSiteRef().getName()).isEqualTo(SITE);
        assertThat(made.getSpec().getSchedule()).as("a one-off Backup").isNull();
        assertThat(made.getSpec().getStorage().getPersistentVolumeClaim().getClaimName()).isEqualTo("backups");
        assertThat(made.getMetadata().getLabels()).as("the site's labels, so the same operator owns it")
                .containsEntry(InClusterOperator.SELECTOR_KEY, InClusterOperator.SELECTOR_VALUE);
        assertThat(made.getStatus().getLatestArtifact().getName()).isEqualTo(artifact);
        assertThat(RealSite.volumeDir(ns, "backups").resolve(ns.name()).resolve(backupName).resolve(artifact)
                .resolve("manifest.json")).as("the artifact on the backup volume").isRegularFile();
        assertThat(wpoven(ns, "status", SITE).orThrow().out()).contains("Last backup: " + artifact + " (Backup " + backupName);
        assertThat(wpoven(ns, "backups", SITE).orThrow().out()).containsPattern(
                "(?m)^" + Pattern.quote(backupName) + " +" + Pattern.quote(artifact) + " ");

        // one-click purge, answered by the site's Varnish
        assertThat(wpoven(ns, "purge", SITE, "--wait").orThrow().out()).contains("Cache purge Succeeded");

        // the administrator's login; the password only when asked for
        String password = site.secret("wordpress-admin-password");
        Commands.Result login = wpoven(ns, "admin-password", SITE).orThrow();
        assertThat(login.out()).contains("Username: " + ready.getStatus().getAdmin().getUsername())
                .contains("Login:    " + ready.getStatus().getAdmin().getLoginUrl()).doesNotContain(password);
        assertThat(wpoven(ns, "admin-password", SITE, "--show").orThrow().out()).contains("Password: " + password + "\n");

        // a command in the WordPress pod, in the document root; the pod's logs
        Commands.Result php = wpoven(ns, "shell", SITE, "--", "php", "-r", "echo getcwd(), ' ', PHP_VERSION;").orThrow();
        assertThat(php.out()).isEqualTo("/var/www/html " + site.exec(Component.WORDPRESS, "php-fpm", "php", "-r",
                "echo PHP_VERSION;"));
        assertThat(wpoven(ns, "logs", SITE, "wordpress", "--tail", "5").orThrow().out())
                .contains("[pod/" + wordpress.getMetadata().getName() + "/");
    }

    /** On KWOK, what only writes and reads objects; and the script itself. */
    private static void stagingPushRestoreCompletionAndErrors(TestNamespace ns) throws Exception {
        // the script itself: bash syntax and shellcheck (Debian's, installed by hack/lib/install-packages.sh)
        Path completion = SCRIPT.resolveSibling("kubectl_complete-wpoven");
        Commands.run(Duration.ofSeconds(30), null, "bash", "-n", SCRIPT.toString()).orThrow();
        Commands.run(Duration.ofSeconds(30), null, "bash", "-n", completion.toString()).orThrow();
        Commands.Result lint = Commands.run(Duration.ofSeconds(60), null, "shellcheck", SCRIPT.toString(),
                completion.toString());
        assertThat(lint.exit()).as(lint.toString()).isZero();
        String version = Files.readString(Repo.root().resolve("pom.xml"))
                .replaceFirst("(?s).*?<artifactId>wpoven-operator-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertThat(wpoven(ns, "version").orThrow().out()).isEqualTo("kubectl-wpoven " + version + " (wpoven.io/v1alpha1)\n");

        // on KWOK (the host operator): a Staging, and a push waited for until the operator reports it
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        ns.applyRaw("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: backups}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """);
        Sites.awaitReady(ns, "blog");
        Commands.Result stage = wpoven(ns, Duration.ofMinutes(3), "stage", "blog", "--domain", "staging.blog.example.com",
                "--pvc", "backups", "--wait", "--timeout", "150s").orThrow();
        assertThat(stage.out()).contains("Staging blog-staging of site blog created (domain staging.blog.example.com)")
                .contains("URL:         http://staging.blog.example.com/").contains("Ready: True");
        Staging staging = ns.get(Staging.class, "blog-staging").get();
        assertThat(staging.getSpec().getSiteRef().getName()).isEqualTo("blog");
        assertThat(staging.getSpec().getCheckpointStorage().getPersistentVolumeClaim().getClaimName()).isEqualTo("backups");
        assertThat(wpoven(ns, "stage", "blog").orThrow().out()).contains("Staging blog-staging of site blog exists");

        Commands.Result push = wpoven(ns, Duration.ofMinutes(3), "push", "blog", "--id", "release-1", "--tables",
                "wp_posts,wp_postmeta", "--database-only", "--wait", "--timeout", "150s").orThrow();
        assertThat(push.out()).contains("Push release-1 requested on Staging blog-staging")
                .contains("Push release-1 Succeeded").contains("Checkpoint (taken first; restore it to undo): ");
        staging = ns.get(Staging.class, "blog-staging").get();
        assertThat(staging.getSpec().getPush().getTables()).containsExactly("wp_posts", "wp_postmeta");
        assertThat(staging.getSpec().getPush().getInclude().getFiles()).isFalse();
        assertThat(staging.getStatus().getLastPush().getId()).isEqualTo("release-1");
        assertThat(push.out()).contains(staging.getStatus().getLastPush().getCheckpoint());

        // a backup into a claim named on the command line, then its artifact restored (KWOK "runs" the Jobs: what a
        // restore does to the data is RealDataIT's; here the Restore the plugin makes and what --wait prints)
        Commands.Result backup = wpoven(ns, Duration.ofMinutes(2), "backup", "blog", "--pvc", "backups", "--name",
                "blog-now", "--wait", "--timeout", "90s").orThrow();
        String artifact = ns.get(Backup.class, "blog-now").get().getStatus().getLatestArtifact().getName();
        assertThat(backup.out()).contains("Backup blog-now Complete: artifact " + artifact);
        Commands.Result restore = wpoven(ns, Duration.ofMinutes(2), "restore", "blog", artifact, "--name", "undo", "--wait",
                "--timeout", "90s").orThrow();
        Restore undo = ns.get(Restore.class, "undo").get();
        assertThat(undo.getSpec().getBackupRef().getName()).isEqualTo("blog-now");
        assertThat(undo.getSpec().getArtifact()).isEqualTo(artifact);
        assertThat(undo.getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(restore.out()).contains("Restore undo created: artifact " + artifact + " of Backup blog-now into site blog")
                .contains("Safety backup (taken before the restore; restore it to undo): artifact "
                        + undo.getStatus().getSafetyArtifact() + " of Backup blog-now")
                .contains("Phase: Succeeded").contains("Restore undo Succeeded");

        // shell completion through kubectl (kubectl_complete-wpoven beside the plugin)
        assertThat(kubectl("__complete", "wpoven", "-n", ns.name(), "st").orThrow().out()).contains("status\n")
                .contains("stage\n");
        assertThat(kubectl("__complete", "wpoven", "-n", ns.name(), "status", "").orThrow().out()).contains("blog\n");
        assertThat(kubectl("__complete", "wpoven", "-n", ns.name(), "restore", "blog", "").orThrow().out())
                .contains(artifact + "\n");

        // errors name what is wrong; exit 1 for the cluster's answer, 2 for the command line
        expect(wpoven(ns, "status", "nope"), 1, "WordPressSite \"nope\" not found in namespace \"" + ns.name() + "\"");
        expect(wpoven(ns, "backup"), 2, "missing argument SITE");
        expect(wpoven(ns, "restore", "blog"), 2, "missing argument ARTIFACT");
        expect(wpoven(ns, "restore", "blog", "no-such-artifact"), 1,
                "no Backup of site \"blog\" lists artifact \"no-such-artifact\"");
        expect(wpoven(ns, "backup", "blog"), 1, "site \"blog\" has no spec.backup.storage: name a claim");
        expect(wpoven(ns, "push", "blog", "--id", "release-1"), 2, "request id \"release-1\" is already");
        expect(wpoven(ns, "stage", "other"), 1, "WordPressSite \"other\" not found");
        expect(wpoven(ns, "logs", "blog", "php"), 2, "unknown component \"php\"");
        expect(wpoven(ns, "purge", "blog", "--timeout"), 2, "flag --timeout needs a value");
        expect(wpoven(ns, "frobnicate"), 2, "unknown command \"frobnicate\"");
        Commands.Result help = wpoven(ns, "restore", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: kubectl wpoven restore SITE ARTIFACT");
    }

    private static void lap(long start, String what) {
        System.out.printf("[kubectl-plugin-it] %s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    private static void expect(Commands.Result r, int exit, String message) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as(r.toString()).contains(message);
    }

    /** kubectl itself, with the plugin's folder on PATH. */
    private static Commands.Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        return Commands.runWith(Duration.ofMinutes(1), env(), null, command.toArray(String[]::new));
    }

    private static Map<String, String> env() {
        String path = SCRIPT.getParent() + ":" + Cli.kubectl().getParent() + ":" + System.getenv("PATH");
        return Map.of("PATH", path, "KUBECONFIG", Cluster.get().kubeconfig().toString());
    }

    private static Commands.Result wpoven(TestNamespace ns, String... args) {
        return wpoven(ns, Duration.ofMinutes(1), args);
    }

    /** `kubectl wpoven ARGS -n NAMESPACE` as a user runs it: the plugin found by kubectl on PATH. */
    private static Commands.Result wpoven(TestNamespace ns, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "wpoven"));
        List<String> rest = new ArrayList<>(List.of(args));
        int end = rest.indexOf("--");
        rest.addAll(end < 0 ? rest.size() : end, List.of("-n", ns.name()));
        command.addAll(rest);
        return Commands.runWith(timeout, env(), null, command.toArray(String[]::new));
    }
}
