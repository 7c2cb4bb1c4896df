package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.Daemon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.CodeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * Git deployment on real pods (docs/git-deploy.md), with the operator in the cluster: a theme from a Git repository
 * (served by a git daemon on the real node's bridge address) deployed to themes/gittheme and activated → its page;
 * a new commit → served within the poll interval while a request loop sees no error and only the old page, then the
 * new one; a bad ref → CodeDeployed False naming it, the last good commit still serving; the old commit as ref → the
 * old page again (a rollback), with the operator killed at each step of that deploy. Runs with WPOVEN_REAL_NODE=1.
 */
@io.wpoven.e2e.harness.E2eTest
@io.wpoven.e2e.harness.Exclusive.RealNode
class RealGitDeployIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final int POLL_SECONDS = 10;
    /** A poll, the deploy Job (a JVM on the node), the settle and the purge. */
    private static final Duration DEPLOYED = Duration.ofSeconds(POLL_SECONDS + 50);
    private static final String THEME = "gittheme";

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void aThemeFromGitIsSwitchedAtomicallyKeepsServingOnABadRefAndRollsBack(TestNamespace ns) throws Exception {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        String nodeAddress = ns.client().nodes().withName(node.name()).get().getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType())).findFirst().orElseThrow().getAddress();
        Path repoDir = Files.createTempDirectory("wpoven-git-theme");
        try (Git repo = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
            Daemon daemon = serve(repo, nodeAddress);
            try {
                RevCommit v1 = commit(repo, repoDir, "v1");
                String url = "git://" + nodeAddress + ":" + daemon.getAddress().getPort() + "/theme.git";
                RealSite site = new RealSite(ns, "gitsite", "git.wpoven.test");
                ns.applySiteYaml(RealSite.yaml(node, site.name(), site.domain()) + """
                          code:
                            git:
                              repository: %s
                              ref: main
                              path: themes/%s
                              pollIntervalSeconds: %d
                        """.formatted(url, THEME, POLL_SECONDS));
                within(READY).alias("site Ready, commit v1 deployed").until(() -> ns.site(site.name()).get(),
                        s -> Sites.isTrue(s, "Ready") && Sites.isTrue(s, "CodeDeployed")
                                && v1.getName().equals(code(s).getCommit()));
                assertThat(Files.isSymbolicLink(site.contentDir().resolve("themes/" + THEME))).isTrue();

                // the owner activates the theme (WordPress reads it from the options), then the page is the theme's
                site.sql("UPDATE wp_options SET option_value = '" + THEME + "' WHERE option_name IN ('template', 'stylesheet')");
                site.flushObjectCache();
                purge(ns, site, "activated");
                within(Duration.ofSeconds(60)).alias("the theme's page, v1").until(() -> marker(site.get("/")),
                        "v1"::equals);

                // a new commit: served within the poll interval (and the deploy), the loop sees v1 then v2, no error
                Loop loop = Loop.start(site);
                RevCommit v2 = commit(repo, repoDir, "v2");
                long pushed = System.nanoTime();
                within(DEPLOYED).alias("commit v2 deployed and served").until(
                        () -> code(ns.site(site.name()).get()).getCommit().equals(v2.getName())
                                && "v2".equals(marker(site.get("/"))));
                System.out.printf("[e2e] git deploy: v2 served %d ms after the commit%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pushed));
                List<String> seen = loop.stopAfter(30); // 30 more requests (3 s): past PHP's 2 s revalidation
                System.out.printf("[e2e] git deploy: the request loop saw v1 %d times, then v2 %d times (%d requests)%n",
                        seen.stream().filter("v1"::equals).count(), seen.stream().filter("v2"::equals).count(), seen.size());
                assertThat(seen).as("what the request loop saw (every 100 ms) during the deploy").isNotEmpty()
                        .allMatch(m -> m.equals("v1") || m.equals("v2")).contains("v2");
                assertThat(seen.subList(seen.indexOf("v2"), seen.size())).as("never v1 again once v2 was served")
                        .containsOnly("v2");
                CodeStatus afterV2 = code(ns.site(site.name()).get());
                assertThat(afterV2.getPreviousCommit()).isEqualTo(v1.getName());
                assertThat(afterV2.getRef()).isEqualTo("main");

                // a bad ref: CodeDeployed False naming it, v2 still serving
                io.wpoven.e2e.harness.TestNamespace.edit(ns.site(site.name()), s -> {
                    s.getSpec().getCode().getGit().setRef("no-such-branch");
                    return s;
                });
                WordPressSite refused = within(Duration.ofSeconds(30)).alias("CodeDeployed False: RefNotFound").until(
                        () -> ns.site(site.name()).get(), s -> "RefNotFound".equals(reason(s)));
                assertThat(Sites.condition(refused, "CodeDeployed").getStatus()).isEqualTo("False");
                assertThat(Sites.condition(refused, "CodeDeployed").getMessage()).contains("no-such-branch")
                        .contains(v2.getName());
                assertThat(marker(site.get("/"))).isEqualTo("v2");

                // rollback: the old commit as the ref; the operator killed at each step of that deploy
                List<String> jobsBefore = ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                        .map(j -> j.getMetadata().getName()).toList();
                io.wpoven.e2e.harness.TestNamespace.edit(ns.site(site.name()), s -> {
                    s.getSpec().getCode().getGit().setRef(v1.getName());
                    return s;
                });
                List<String> killedAt = new OperatorKills("git deploy")
                        .at("Deploying", OperatorKills.job(ns, n -> n.startsWith("gitsite-code-") && !jobsBefore.contains(n)))
                        .at("Purging", () -> "Purging".equals(code(ns.site(site.name()).get()).getPhase()))
                        .walk(Duration.ofMinutes(3), () -> {
                            CodeStatus c = code(ns.site(site.name()).get());
                            return v1.getName().equals(c.getCommit()) && c.getPhase() == null;
                        });
                assertThat(killedAt).as("steps the operator was killed at").isNotEmpty();
                within(DEPLOYED.plusMinutes(2)).alias("rolled back: v1 deployed and served").until(
                        () -> ns.site(site.name()).get(), s -> v1.getName().equals(code(s).getCommit())
                                && code(s).getPhase() == null && Sites.isTrue(s, "CodeDeployed"));
                within(Duration.ofSeconds(30)).alias("the page is v1 again").until(() -> marker(site.get("/")), "v1"::equals);
                assertThat(code(ns.site(site.name()).get()).getPreviousCommit()).isEqualTo(v2.getName());
            } finally {
                daemon.stop();
            }
        }
    }

    /** The repository behind git://<address>:<port>/theme.git (read-only: the test commits to it directly). */
    private static Daemon serve(Git repo, String address) throws Exception {
        Daemon daemon = new Daemon(new InetSocketAddress(address, 0));
        daemon.setRepositoryResolver((request, name) -> {
            if (!"theme.git".equals(name)) {
                throw new RepositoryNotFoundException(name);
            }
            repo.getRepository().incrementOpen();
            return repo.getRepository();
        });
        daemon.start();
        return daemon;
    }

    /** A theme whose only template prints the version. */
    private static RevCommit commit(Git repo, Path dir, String version) throws Exception {
        Files.writeString(dir.resolve("style.css"), "/*\nTheme Name: Git Theme\nVersion: " + version + "\n*/\n");
        Files.writeString(dir.resolve("index.php"), "<?php echo 'GITDEPLOY[' . '" + version + "' . ']';\n");
        repo.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("e2e", "e2e@wpoven.test");
        return repo.commit().setMessage(version).setAuthor(who).setCommitter(who).call();
    }

    private static String marker(RawHttp.Response r) {
        if (r.status() != 200) {
            return "HTTP " + r.status();
        }
        var m = java.util.regex.Pattern.compile("GITDEPLOY\\[(\\w+)\\]").matcher(r.text());
        return m.find() ? m.group(1) : "no marker";
    }

    private static CodeStatus code(WordPressSite site) {
        return site.getStatus() == null || site.getStatus().getCode() == null ? new CodeStatus() : site.getStatus().getCode();
    }

    private static String reason(WordPressSite site) {
        var c = Sites.condition(site, "CodeDeployed");
        return c == null ? null : c.getReason();
    }

    private static void purge(TestNamespace ns, RealSite site, String request) {
        io.wpoven.e2e.harness.TestNamespace.edit(ns.site(site.name()), s -> {
            var annotations = s.getMetadata().getAnnotations() == null ? new java.util.HashMap<String, String>()
                    : new java.util.HashMap<>(s.getMetadata().getAnnotations());
            annotations.put("wpoven.io/purge-cache", request);
            s.getMetadata().setAnnotations(annotations);
            return s;
        });
        within(Duration.ofSeconds(30)).alias("purge answered").until(() -> ns.site(site.name()).get(),
                s -> s.getStatus().getCachePurge() != null && request.equals(s.getStatus().getCachePurge().getRequest()));
    }

    /** GET / every 100 ms (at most 900 times) until stopped; what each response was: v1, v2, or what went wrong. */
    private record Loop(AtomicBoolean stopping, List<String> seen, CompletableFuture<Void> done) {
        static Loop start(RealSite site) {
            AtomicBoolean stop = new AtomicBoolean();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 900 && !stop.get(); i++) {
                    String m;
                    try {
                        m = marker(site.get("/"));
                    } catch (RuntimeException e) {
                        m = "error " + e.getMessage();
                    }
                    seen.add(m);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            return new Loop(stop, seen, done);
        }

        /** Stops once it has made {@code more} requests beyond those made so far (or reached its bound). */
        List<String> stopAfter(int more) throws Exception {
            int until = seen.size() + more;
            within(Duration.ofSeconds(30)).alias(more + " more requests").until(() -> seen.size() >= until || done.isDone());
            stopping.set(true);
            done.get(30, TimeUnit.SECONDS);
            return List.copyOf(seen);
        }
    }
}
