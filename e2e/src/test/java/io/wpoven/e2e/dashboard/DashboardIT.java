package io.wpoven.e2e.dashboard;

import static io.wpoven.e2e.backup.Backups.awaitBackup;
import static io.wpoven.e2e.backup.Backups.backup;
import static io.wpoven.e2e.backup.Backups.storageClaim;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.wpoven.e2e.harness.Browser;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The management dashboard in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium),
 * served by the shared operator, against the KWOK cluster: a ServiceAccount with edit rights in the namespace signs
 * in with its token, finds its sites, purges, backs up, clones into a new site and deletes it; one with only view
 * rights sees the sites and gets the API server's 403 on an action; the fleet's cache hit ratio cells are filled in
 * by the page's script. With -Ddashboard.screenshots=DIR the fleet and
 * site pages are saved there (hack/dashboard-screenshots.sh).
 */
@E2eTest
class DashboardIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anEditorActsOnSitesWithItsOwnTokenAndAViewerIsRefused(TestNamespace ns) throws IOException {
        for (String site : List.of("blog", "shop", "news")) {
            ns.applySiteYaml(minimal(site, site + ".example.com"));
        }
        storageClaim(ns, "backups");
        ns.applyRaw(backup("daily", "blog", ""));
        String editor = serviceAccountToken(ns, "editor", "edit", List.of("get", "list", "watch", "create", "update", "patch", "delete"));
        String viewer = serviceAccountToken(ns, "viewer", "view", List.of("get", "list", "watch"));
        Backup daily = awaitBackup(ns, "daily", "Complete", "True");
        String root = "http://127.0.0.1:" + OperatorProcess.get().port() + "/dashboard";

        WebDriver browser = Browser.chromium();
        try {
            // no session: the sign-in page; the editor pastes its token
            browser.get(root);
            assertThat(browser.getCurrentUrl()).endsWith("/dashboard/sign-in");
            Browser.signIn(browser, editor);
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("system:serviceaccount:" + ns.name() + ":editor");

            // it may not list sites in every namespace: the page says so, and it names its namespace
            assertThat(browser.findElement(By.id("forbidden")).getText()).contains("You may not list sites in all namespaces")
                    .contains("cannot list resource \"wordpresssites\"");
            browser.findElement(By.id("namespace")).sendKeys(ns.name());
            browser.findElement(By.id("namespace")).submit();
            assertThat(fleetSites(browser)).containsExactly(ns.name() + "/blog", ns.name() + "/news", ns.name() + "/shop");
            browser.findElement(By.id("q")).sendKeys("shop.example");
            browser.findElement(By.id("q")).submit();
            assertThat(fleetSites(browser)).containsExactly(ns.name() + "/shop");

            // the cache hit ratio column, filled in by the page's script: KWOK's pods run no Varnish, so each cell
            // says "—" with the reason as its title (the exec's failure, or no Varnish pod ready yet)
            browser.get(root + "?namespace=" + ns.name());
            List<WebElement> hits = browser.findElements(By.cssSelector("#fleet td.hit"));
            assertThat(hits).hasSize(3);
            within(WAIT).alias("every hit ratio cell filled in").until(() -> hits.stream().noneMatch(c -> c.getText().equals("…")));
            assertThat(hits).allSatisfy(c -> {
                assertThat(c.getText()).isEqualTo("—");
                assertThat(c.getAttribute("title")).matches("no ready Varnish pod|.* varnishstat: .*");
            });
            screenshot(browser, null, "dashboard-fleet.png");
            assertThat(browser.getPageSource()).doesNotContain(editor);

            // the site page: conditions, pods with their nodes, backups with their artifacts
            browser.get(root + "?namespace=" + ns.name());
            Browser.clickAndLoad(browser, By.linkText("blog"));
            assertThat(browser.findElement(By.id("site-name")).getText()).isEqualTo("blog");
            assertThat(browser.findElement(By.id("conditions")).getText()).contains("Ready");
            assertThat(browser.findElement(By.id("backups")).getText()).contains("daily")
                    .contains(daily.getStatus().getLatestArtifact().getName());
            screenshot(browser, browser.getCurrentUrl(), "dashboard-site.png");

            // purge: the annotation the operator answers, written as the editor
            Browser.clickAndLoad(browser, By.id("purge"));
            within(WAIT).alias("wpoven.io/purge-cache on blog").until(() -> annotation(ns, "blog", "wpoven.io/purge-cache") != null);
            assertThat(browser.getCurrentUrl()).contains("/sites/" + ns.name() + "/blog?done=purged");

            // back up now: a one-off Backup of blog to the storage of its existing Backup
            Browser.clickAndLoad(browser, By.id("backup"));
            Backup now = within(WAIT).alias("a one-off Backup of blog").until(() -> ns.client().resources(Backup.class).inNamespace(ns.name())
                    .list().getItems().stream().filter(b -> b.getMetadata().getName().startsWith("blog-now-")).findFirst().orElse(null),
                    b -> b != null);
            assertThat(now.getSpec().getSchedule()).isNull();
            assertThat(now.getSpec().getStorage().getPersistentVolumeClaim().getClaimName()).isEqualTo("backups");
            // it completes beside daily's: blog then has two artifacts, and a clone takes the newer one
            Backup nowDone = awaitBackup(ns, now.getMetadata().getName(), "Complete", "True");

            // clone into a new site: the site and the Restore of blog's newest artifact into it, in one step
            browser.findElement(By.id("clone-name")).sendKeys("blog-copy");
            browser.findElement(By.id("clone-domain")).sendKeys("copy.example.com");
            Browser.clickAndLoad(browser, By.id("clone"));
            assertThat(browser.findElement(By.id("site-name")).getText()).isEqualTo("blog-copy");
            WordPressSite copy = ns.site("blog-copy").get();
            assertThat(copy.getSpec().getDomains()).containsExactly("copy.example.com");
            Restore clone = ns.client().resources(Restore.class).inNamespace(ns.name()).list().getItems().stream()
                    .filter(r -> r.getMetadata().getName().startsWith("blog-copy-clone-")).findFirst().orElseThrow();
            assertThat(clone.getSpec().getBackupRef().getName()).isEqualTo(now.getMetadata().getName());
            assertThat(clone.getSpec().getArtifact()).isEqualTo(nowDone.getStatus().getLatestArtifact().getName())
                    .isNotEqualTo(daily.getStatus().getLatestArtifact().getName());
            assertThat(clone.getSpec().getTargetSite().getName()).isEqualTo("blog-copy");

            // delete asks for the name: the button stays disabled until it is typed
            WebElement delete = browser.findElement(By.id("delete"));
            browser.findElement(By.id("delete-confirm")).sendKeys("blog-cop");
            assertThat(delete.isEnabled()).isFalse();
            browser.findElement(By.id("delete-confirm")).sendKeys("y");
            assertThat(delete.isEnabled()).isTrue();
            Browser.clickAndLoad(browser, By.id("delete"));
            within(WAIT).alias("blog-copy deleted").until(() -> {
                WordPressSite s = ns.site("blog-copy").get();
                return s == null || s.getMetadata().getDeletionTimestamp() != null;
            });
            assertThat(browser.getCurrentUrl()).endsWith("/dashboard?namespace=" + ns.name());

            // scale and enable HTTPS on shop: its spec, written as the editor
            browser.get(root + "/sites/" + ns.name() + "/shop");
            browser.findElement(By.id("replicas")).clear();
            browser.findElement(By.id("replicas")).sendKeys("2");
            Browser.clickAndLoad(browser, By.id("scale"));
            within(WAIT).alias("shop scaled to 2").until(() -> Integer.valueOf(2).equals(ns.site("shop").get().getSpec().getReplicas()));
            Browser.clickAndLoad(browser, By.id("https"));
            within(WAIT).alias("shop spec.tls.enabled").until(() -> ns.site("shop").get().getSpec().getTls() != null
                    && Boolean.TRUE.equals(ns.site("shop").get().getSpec().getTls().getEnabled()));

            // add a site with the form
            browser.get(root + "/new?namespace=" + ns.name());
            browser.findElement(By.name("name")).sendKeys("extra");
            browser.findElement(By.name("domain")).sendKeys("extra.example.com");
            Browser.clickAndLoad(browser, By.cssSelector("#add-site button"));
            assertThat(browser.findElement(By.id("site-name")).getText()).isEqualTo("extra");
            assertThat(ns.site("extra").get().getSpec().getDomains()).containsExactly("extra.example.com");

            // restore blog from the listed artifact, after the browser's "are you sure"
            browser.get(root + "/sites/" + ns.name() + "/blog");
            Browser.clickConfirmAndLoad(browser, By.cssSelector("#backups tr[data-backup=daily] form[data-restore] button"));
            Restore restore = within(WAIT).alias("a Restore of blog").until(() -> ns.client().resources(Restore.class).inNamespace(ns.name())
                    .list().getItems().stream().filter(r -> r.getMetadata().getName().startsWith("blog-restore-")).findFirst().orElse(null),
                    r -> r != null);
            assertThat(restore.getSpec().getBackupRef().getName()).isEqualTo("daily");
            assertThat(restore.getSpec().getArtifact()).isEqualTo(daily.getStatus().getLatestArtifact().getName());
            assertThat(browser.findElement(By.id("restores")).getText()).contains(restore.getMetadata().getName());

            // sign out: the session is gone
            Browser.clickAndLoad(browser, By.cssSelector("form.signout button"));
            browser.get(root);
            assertThat(browser.getCurrentUrl()).endsWith("/dashboard/sign-in");

            // the viewer sees the sites, and every action is the API server's 403, shown as it is
            Browser.signIn(browser, viewer);
            browser.get(root + "?namespace=" + ns.name());
            assertThat(fleetSites(browser)).contains(ns.name() + "/blog", ns.name() + "/shop");
            browser.get(root + "/sites/" + ns.name() + "/shop");
            Browser.clickAndLoad(browser, By.id("purge"));
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("403");
            assertThat(browser.findElement(By.id("message")).getText())
                    .contains("system:serviceaccount:" + ns.name() + ":viewer").contains("cannot patch resource \"wordpresssites\"");
            int backups = ns.client().resources(Backup.class).inNamespace(ns.name()).list().getItems().size();
            browser.get(root + "/sites/" + ns.name() + "/blog");
            Browser.clickAndLoad(browser, By.id("backup"));
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("403");
            assertThat(browser.findElement(By.id("message")).getText()).contains("cannot create resource \"backups\"");
            assertThat(annotation(ns, "shop", "wpoven.io/purge-cache")).isNull();
            assertThat(ns.client().resources(Backup.class).inNamespace(ns.name()).list().getItems()).hasSize(backups);
        } finally {
            browser.quit();
        }
    }

    private static List<String> fleetSites(WebDriver browser) {
        return browser.findElements(By.cssSelector("#fleet tbody tr")).stream().map(r -> r.getAttribute("data-site")).toList();
    }

    private static String annotation(TestNamespace ns, String site, String key) {
        var a = ns.site(site).get().getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    /** A ServiceAccount bound to the built-in role (edit or view) plus the same rights on the wpoven.io objects. */
    private static String serviceAccountToken(TestNamespace ns, String name, String clusterRole, List<String> verbs) {
        var c = ns.client();
        c.serviceAccounts().inNamespace(ns.name()).resource(new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        c.rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName(name + "-sites").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("wpoven.io").withResources("wordpresssites", "backups", "restores", "stagings")
                        .withVerbs(verbs).build()).build()).create();
        for (String[] role : new String[][] { { "ClusterRole", clusterRole }, { "Role", name + "-sites" } }) {
            c.rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder().withNewMetadata().withName(name + "-" + role[1]).endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind(role[0]).withName(role[1]).endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(ns.name()).endSubject().build()).create();
        }
        return c.serviceAccounts().inNamespace(ns.name()).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    /** Saves the page at url (null: the page shown) when -Ddashboard.screenshots=DIR is set (docs/images via hack/dashboard-screenshots.sh). */
    private static void screenshot(WebDriver browser, String url, String file) throws IOException {
        String dir = System.getProperty("dashboard.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        if (url != null) {
            browser.get(url);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
        Files.createDirectories(Path.of(dir));
        Files.write(Path.of(dir, file), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
