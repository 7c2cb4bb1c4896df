package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wpoven.e2e.harness.Browser;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.dashboard.files.SiteFileException;
import io.wpoven.operator.dashboard.files.SiteFileException.Reason;
import io.wpoven.operator.dashboard.files.SiteFiles;
import io.wpoven.operator.dashboard.metrics.SiteMetrics;
import io.wpoven.operator.dashboard.servers.Servers;

/**
 * The dashboard's back-end services (docs/dashboard-services.md) on a real site, each with a ServiceAccount's token
 * as a signed-in user's client: with the edit role, SiteFiles uploads into wp-content/uploads (the site serves the same
 * bytes), edits, renames and deletes a text file (the site then answers 404), and is refused ../wp-config.php and
 * symlinks that lead out of wp-content; with the view role the upload is refused with the API server's 403. Servers
 * shows the real node with the site's pods (nodes hidden without the right to list them, listed with it), and
 * SiteMetrics counts the requests of a short burst while CPU is "unavailable" without metrics-server. In a real
 * Chromium, signed in as the editor: the file manager, the Servers page with the real node and the site's pods on it,
 * the site page's live numbers and the fleet's cache hit ratio cell after page loads through the site. Runs with
 * WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
class RealDashboardServicesIT {
    private static final String SITE = "dash";
    private static final String DOMAIN = "dash.wpoven.test";
    private static final Duration READY = Duration.ofMinutes(5);

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void aSignedInUsersRightsDecideFilesServersAndMetrics(TestNamespace ns) throws Exception {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        ns.applySiteYaml(RealSite.yaml(node, SITE, DOMAIN));
        try (KubernetesClient editor = userWithRole(ns, "editor", "edit");
                KubernetesClient viewer = userWithRole(ns, "viewer", "view")) {
            signedIn(ns, node, editor, viewer);
        }
    }

    private static void signedIn(TestNamespace ns, RealNode node, KubernetesClient editor, KubernetesClient viewer)
            throws Exception {
        within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));
        RealSite site = new RealSite(ns, SITE, DOMAIN);
        SiteFiles files = new SiteFiles(editor);
        String n = ns.name();

        // an upload lands in wp-content/uploads as WordPress's user and the site serves the same bytes
        byte[] image = new byte[300_000];
        new Random(16).nextBytes(image);
        files.mkdir(n, SITE, "uploads/dash");
        files.upload(n, SITE, "uploads/dash/photo.bin", new ByteArrayInputStream(image), image.length);
        Path onDisk = site.contentDir().resolve("uploads/dash/photo.bin");
        assertThat(Files.readAllBytes(onDisk)).isEqualTo(image);
        assertThat(Files.getAttribute(onDisk, "unix:uid")).isEqualTo(RealSite.WWW_DATA);
        RawHttp.Response served = site.get("/wp-content/uploads/dash/photo.bin");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        assertThat(body(served)).isEqualTo(image);
        assertThat(files.list(n, SITE, "uploads/dash")).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("photo.bin");
            assertThat(e.type()).isEqualTo("file");
            assertThat(e.size()).isEqualTo(image.length);
        });
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        files.download(n, SITE, "uploads/dash/photo.bin", downloaded);
        assertThat(downloaded.toByteArray()).isEqualTo(image);
        assertThatThrownBy(() -> files.readText(n, SITE, "uploads/dash/photo.bin"))
                .isInstanceOfSatisfying(SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_TEXT));

        // a text file written, edited, renamed and deleted; each step as a visitor sees it (a new query each time,
        // so no cached answer of Varnish stands in for the file)
        files.writeText(n, SITE, "uploads/dash/notes.txt", "first draft\n");
        assertThat(site.get("/wp-content/uploads/dash/notes.txt?v=1").text()).isEqualTo("first draft\n");
        String text = files.readText(n, SITE, "uploads/dash/notes.txt");
        files.writeText(n, SITE, "uploads/dash/notes.txt", text.replace("first", "second") + "ünïcode ✓\n");
        assertThat(site.get("/wp-content/uploads/dash/notes.txt?v=2").text()).isEqualTo("second draft\nünïcode ✓\n");
        files.rename(n, SITE, "uploads/dash/notes.txt", "uploads/dash/renamed.txt");
        assertThat(site.get("/wp-content/uploads/dash/notes.txt?v=3").status()).isEqualTo(404);
        assertThat(site.get("/wp-content/uploads/dash/renamed.txt?v=3").text()).startsWith("second draft");
        assertThatThrownBy(() -> files.delete(n, SITE, "uploads/dash", false))
                .isInstanceOfSatisfying(SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_EMPTY));
        files.delete(n, SITE, "uploads/dash/renamed.txt", false);
        assertThat(site.get("/wp-content/uploads/dash/renamed.txt?v=4").status()).isEqualTo(404);

        // nothing outside wp-content: a way up, an absolute path, and symlinks (to wp-config.php, to /etc) that lead out
        assertThatThrownBy(() -> files.readText(n, SITE, "../wp-config.php")).isInstanceOfSatisfying(
                SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WP_CONTENT));
        assertThatThrownBy(() -> files.readText(n, SITE, "/var/www/html/wp-config.php")).isInstanceOfSatisfying(
                SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WP_CONTENT));
        site.exec(io.wpoven.operator.support.Component.WORDPRESS, SiteFiles.CONTAINER, "sh", "-c",
                "ln -s ../../../wp-config.php " + SiteFiles.WP_CONTENT + "/uploads/dash/escape.php && ln -s /etc "
                        + SiteFiles.WP_CONTENT + "/uploads/dash/etc");
        for (String escape : new String[] { "uploads/dash/escape.php", "uploads/dash/etc/passwd" }) {
            assertThatThrownBy(() -> files.readText(n, SITE, escape)).as(escape).isInstanceOfSatisfying(
                    SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WP_CONTENT));
        }
        assertThatThrownBy(() -> files.writeText(n, SITE, "uploads/dash/escape.php", "<?php // replaced"))
                .isInstanceOfSatisfying(SiteFileException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WP_CONTENT));
        assertThatThrownBy(() -> files.list(n, SITE, "uploads/dash/etc")).isInstanceOfSatisfying(
                SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WP_CONTENT));
        assertThat(site.exec(io.wpoven.operator.support.Component.WORDPRESS, SiteFiles.CONTAINER, "head", "-c", "5",
                "/var/www/html/wp-config.php")).isEqualTo("<?php");
        files.delete(n, SITE, "uploads/dash", true);
        assertThat(Files.exists(site.contentDir().resolve("uploads/dash"))).isFalse();

        WebDriver browser = Browser.chromium();
        try {
            fileManagerInTheBrowser(browser, n, site, editor.getConfiguration().getOauthToken());
            afterTheFileManager(ns, node, site, editor, viewer, browser);
        } finally {
            browser.quit();
        }
    }

    /** The rest on the same site, the browser still signed in as the editor. */
    private static void afterTheFileManager(TestNamespace ns, RealNode node, RealSite site, KubernetesClient editor,
            KubernetesClient viewer, WebDriver browser) throws Exception {
        String n = ns.name();

        // the view role may list pods but not exec into them: the API server's 403, as it said it
        assertThatThrownBy(() -> new SiteFiles(viewer).writeText(n, SITE, "uploads/viewer.txt", "no"))
                .isInstanceOfSatisfying(SiteFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN);
                    assertThat(e.httpStatus()).isEqualTo(403);
                    // the API server's own words (Fabric8 loses them on a refused upgrade; SiteFiles asks again)
                    assertThat(e.getMessage()).contains("is forbidden").contains("viewer")
                            .contains("cannot create resource \"pods/exec\"");
                });
        assertThat(Files.exists(site.contentDir().resolve("uploads/viewer.txt"))).isFalse();

        // servers: the site's pods on the real node; the node itself hidden until the user may list nodes
        Servers.Overview hidden = new Servers(editor).overview(n);
        assertThat(hidden.nodesHidden()).isTrue();
        assertThat(hidden.nodesMessage()).contains("forbidden");
        assertThat(hidden.sitesByNode().get(node.name())).singleElement().satisfies(s -> {
            assertThat(s.site()).isEqualTo(SITE);
            assertThat(s.pods()).extracting(Servers.SitePod::component)
                    .contains("proxy", "varnish", "wordpress", "redis", "mariadb");
        });
        String nodeReader = "nodes-" + n;
        ns.client().rbac().clusterRoles().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder()
                .withNewMetadata().withName(nodeReader).endMetadata().addNewRule().withApiGroups("")
                .withResources("nodes").withVerbs("list").endRule().build()).create();
        ns.client().rbac().clusterRoleBindings().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
                .withNewMetadata().withName(nodeReader).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole").withName(nodeReader).endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("editor").withNamespace(n).endSubject().build()).create();
        try {
            Servers.Overview shown = within(Duration.ofSeconds(30)).alias("nodes listed once the user may")
                    .until(() -> new Servers(editor).overview(n), o -> !o.nodesHidden());
            assertThat(shown.nodes()).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo(node.name());
                assertThat(s.ready()).isTrue();
                assertThat(s.capacity().cpuMillis()).isPositive();
                assertThat(s.allocatable().memoryBytes()).isPositive();
                assertThat(s.pods()).isGreaterThanOrEqualTo(5);
            });
            serversInTheBrowser(browser, n, node);
        } finally {
            ns.client().rbac().clusterRoleBindings().withName(nodeReader).delete();
            ns.client().rbac().clusterRoles().withName(nodeReader).delete();
        }

        // metrics: a bounded burst through the site is counted; CPU is "unavailable" without metrics-server
        SiteMetrics metrics = new SiteMetrics();
        SiteMetrics.Snapshot before = metrics.read(editor, n, SITE);
        assertThat(before.usageAvailable()).isFalse();
        assertThat(before.usageNote()).startsWith("unavailable");
        assertThat(before.requestsPerSecond().available()).as(before.requestsPerSecond().note()).isFalse();
        long start = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            assertThat(site.get("/?burst=" + (i % 3)).status()).isEqualTo(200);
        }
        // a rate needs at least SiteMetrics' shortest interval between its two readings
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        if (waited < 1000) {
            Thread.sleep(1000 - waited);
        }
        SiteMetrics.Snapshot after = metrics.read(editor, n, SITE);
        assertThat(after.requestsPerSecond().available()).as(after.notes().toString()).isTrue();
        assertThat(after.requestsPerSecond().value()).isPositive();
        assertThat(after.cacheHitRatio().available()).as(after.cacheHitRatio().note()).isTrue();
        assertThat(after.cacheHitRatio().value()).isBetween(0.0, 1.0);
        assertThat(after.phpFpmBusyWorkers().available()).isFalse();
        assertThat(after.phpFpmBusyWorkers().note()).contains("spec.monitoring.exporters");
        liveNumbersInTheBrowser(browser, n, site);
    }

    /**
     * The Servers page as the editor sees it once it may list nodes: the real node's row (Ready, CPU and memory
     * capacity / allocatable, pods / most pods) and the site's pods under the node, each running and ready.
     */
    private static void serversInTheBrowser(WebDriver browser, String n, RealNode node) {
        browser.get(Browser.dashboard() + "/servers?namespace=" + n);
        WebElement row = browser.findElement(By.cssSelector("#nodes tr[data-node='" + node.name() + "']"));
        assertThat(row.getAttribute("class")).isEqualTo("ready");
        assertThat(row.getText()).matches(java.util.regex.Pattern.quote(node.name())
                + " Ready [1-9]\\d*m / [1-9]\\d*m [1-9]\\d* / [1-9]\\d* MiB [1-9]\\d* / [1-9]\\d*.*");
        String placed = browser.findElement(By.id("node-" + node.name())).getText();
        assertThat(placed).startsWith(node.name()).contains(n + "/" + SITE + ":");
        for (String component : List.of("proxy", "varnish", "wordpress", "redis", "mariadb")) {
            assertThat(placed).contains(component + " Running ready");
        }
    }

    /**
     * What a user sees of the live numbers after uncached and cached page loads through the site: the site page's
     * panel with a positive requests/s (two of its 5 s readings around the loads) and a hit ratio in percent from
     * Varnish's counters, PHP-FPM busy workers as unavailable with the reason the page gives (no exporter), and the
     * fleet's hit ratio cell filled by the page's script, with where the number comes from as its title.
     */
    private static void liveNumbersInTheBrowser(WebDriver browser, String n, RealSite site) {
        browser.get(Browser.dashboard() + "/sites/" + n + "/" + SITE);
        within(Duration.ofSeconds(15)).alias("the panel's first reading")
                .until(() -> browser.findElement(By.id("metrics-at")).getText(), t -> !t.isEmpty());
        for (int i = 0; i < 24; i++) {
            // four new pages (misses), then the same four again and again (hits)
            assertThat(site.get("/?live=" + (i % 4)).status()).isEqualTo(200);
        }
        String rps = within(Duration.ofSeconds(15)).alias("a positive requests/s on the site page")
                .until(() -> browser.findElement(By.id("m-rps")).getText(),
                        t -> t.matches("\\d+\\.\\d\\d") && Double.parseDouble(t) > 0);
        assertThat(Double.parseDouble(rps)).isPositive();
        assertThat(browser.findElement(By.id("m-hit")).getText()).matches("\\d{1,3}\\.\\d %");
        assertThat(browser.findElement(By.id("m-fpm")).getText())
                .isEqualTo("unavailable (no PHP-FPM exporter: turn on spec.monitoring.exporters)");

        browser.get(Browser.dashboard() + "?namespace=" + n);
        WebElement cell = browser.findElement(By.cssSelector("#fleet tr[data-site='" + n + "/" + SITE + "'] td.hit"));
        String ratio = within(Duration.ofSeconds(15)).alias("the fleet's hit ratio cell filled in")
                .until(cell::getText, t -> !t.equals("…"));
        assertThat(ratio).as(cell.getAttribute("title")).matches("\\d{1,3}\\.\\d %");
        assertThat(Double.parseDouble(ratio.replace(" %", ""))).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
        assertThat(cell.getAttribute("title")).isEqualTo("since Varnish started");
    }

    /**
     * The same through the dashboard's file manager in a real Chromium, signed in with the editor's token: a folder
     * made, a file uploaded (the site serves its bytes), a text file edited in the page's editor (the site serves the
     * edit) and deleted after the confirm (the site answers 404).
     */
    private static void fileManagerInTheBrowser(WebDriver browser, String n, RealSite site, String token) throws IOException {
        byte[] photo = new byte[120_000];
        new Random(17).nextBytes(photo);
        Path dir = Files.createTempDirectory("dashboard-upload");
        Path upload = Files.write(dir.resolve("browser-photo.bin"), photo);
        Path note = Files.writeString(dir.resolve("note.txt"), "written on my laptop\n");
        String files = Browser.dashboard() + "/sites/" + n + "/" + SITE + "/files";
        browser.get(Browser.dashboard() + "/sign-in");
        Browser.signIn(browser, token);
        browser.get(files + "?path=uploads");
        browser.findElement(By.id("mkdir-name")).sendKeys("browser");
        Browser.clickAndLoad(browser, By.id("mkdir"));
        assertThat(browser.findElement(By.id("crumbs")).getText()).endsWith("uploads / browser");
        for (Path f : List.of(upload, note)) {
            browser.findElement(By.id("upload-file")).sendKeys(f.toString());
            Browser.clickAndLoad(browser, By.id("upload"));
            assertThat(browser.findElement(By.id("done")).getText()).contains("uploaded");
        }
        RawHttp.Response served = site.get("/wp-content/uploads/browser/browser-photo.bin");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        assertThat(body(served)).isEqualTo(photo);
        assertThat(site.get("/wp-content/uploads/browser/note.txt?v=1").text()).isEqualTo("written on my laptop\n");

        Browser.clickAndLoad(browser, By.cssSelector("tr[data-file='note.txt'] a.edit"));
        WebElement editor = browser.findElement(By.id("editor"));
        assertThat(editor.getAttribute("value")).isEqualTo("written on my laptop\n");
        editor.clear();
        editor.sendKeys("edited in the dashboard\n");
        Browser.clickAndLoad(browser, By.id("save"));
        assertThat(browser.findElement(By.id("done")).getText()).contains("saved");
        assertThat(site.get("/wp-content/uploads/browser/note.txt?v=2").text()).isEqualTo("edited in the dashboard\n");

        browser.get(files + "?path=uploads/browser");
        Browser.clickConfirmAndLoad(browser, By.cssSelector("tr[data-file='note.txt'] button.delete"));
        assertThat(browser.findElement(By.id("files")).getText()).doesNotContain("note.txt").contains("browser-photo.bin");
        assertThat(site.get("/wp-content/uploads/browser/note.txt?v=3").status()).isEqualTo(404);
        assertThat(browser.getPageSource()).doesNotContain(token);
    }

    /** A ServiceAccount bound to a built-in ClusterRole in the namespace, and a client with its token (no admin rights). */
    private static KubernetesClient userWithRole(TestNamespace ns, String account, String role) {
        ns.applyRaw("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: %s}
                """.formatted(account));
        ns.applyRaw("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: %s}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %s}
                subjects: [{kind: ServiceAccount, name: %s}]
                """.formatted(account, role, account));
        String token = ns.client().serviceAccounts().inNamespace(ns.name()).withName(account)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config admin = ns.client().getConfiguration();
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(admin.getMasterUrl())
                .withCaCertData(admin.getCaCertData()).withCaCertFile(admin.getCaCertFile())
                .withTrustCerts(admin.isTrustCerts()).withOauthToken(token).build()).build();
    }

    private static byte[] body(RawHttp.Response r) {
        if (!"gzip".equalsIgnoreCase(r.header("Content-Encoding"))) {
            return r.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
