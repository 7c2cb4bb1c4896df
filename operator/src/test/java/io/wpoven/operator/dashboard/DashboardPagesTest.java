package io.wpoven.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The servers page, the site's metrics endpoint and the file manager against the stand-in API server: they answer
 * for a signed-in user with the user's token, say what RBAC hides, and refuse a POST without the session's CSRF token
 * (multipart uploads included) before any API call. The file actions themselves run on a real node
 * (RealDashboardServicesIT); here the site has no pods, so they answer the file manager's "no ready pod".
 */
@QuarkusTest
@QuarkusTestResource(FakeApiServer.class)
class DashboardPagesTest {
    private static final String BOUNDARY = "wpovenboundary";

    @TestHTTPResource("/dashboard")
    URI root;

    private DashboardHttp web;
    private HttpClient http;

    @BeforeEach
    void browser() {
        web = new DashboardHttp(root);
        http = web.http;
    }

    @Test
    void serversListNodesAndSayWhenTheyAreHidden() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        FakeApiServer.REQUESTS.clear();
        HttpResponse<String> r = web.get("/servers", cookie);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("worker-1").contains("4000m / 3800m").contains("8192 / 7168 MiB").contains("0 / 110")
                .contains("href=\"/dashboard/servers\"");
        assertThat(FakeApiServer.REQUESTS).anyMatch(s -> s.startsWith("GET /api/v1/nodes token=" + FakeApiServer.EDIT))
                .anyMatch(s -> s.startsWith("GET /api/v1/pods token=" + FakeApiServer.EDIT));

        HttpResponse<String> hidden = web.get("/servers?namespace=team", web.signIn(FakeApiServer.VIEW));
        assertThat(hidden.statusCode()).isEqualTo(200);
        assertThat(hidden.body()).contains("id=\"nodes-hidden\"").contains("cannot list resource &quot;nodes&quot;")
                .doesNotContain("worker-1");
    }

    @Test
    void theSitePageLinksFilesAndMetricsAndTheMetricsAreJson() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        String site = web.get("/sites/team/blog", cookie).body();
        assertThat(site).contains("data-metrics=\"/dashboard/sites/team/blog/metrics\"").contains("href=\"/dashboard/sites/team/blog/files\"");
        HttpResponse<String> m = web.get("/sites/team/blog/metrics", cookie);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(m.body()).contains("\"requestsPerSecond\":{\"value\":null").contains("\"usage\":[]");
    }

    @Test
    void theFleetHasACacheHitCellPerRowAndEachSitesRatioIsJson() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        String fleet = web.get("?namespace=team", cookie).body();
        assertThat(fleet).contains("data-hits=\"/dashboard/sites/\"").contains("data-site=\"team/blog\"")
                .contains("<th title=\"Varnish hits / (hits + misses) since Varnish started\">Cache hits</th>")
                .contains("<td class=\"hit\">…</td>");
        assertThat(web.get("/static/app.js", cookie).body()).contains("'/metrics/cache-ratio'");

        // two ready Varnish pods: (30 + 50) hits of (40 + 60) lookups since they started; the pod not ready is not asked
        FakeApiServer.REQUESTS.clear();
        HttpResponse<String> counted = web.get("/sites/cache/shop/metrics/cache-ratio", cookie);
        assertThat(counted.statusCode()).isEqualTo(200);
        assertThat(counted.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(counted.body()).isEqualTo("{\"value\":0.8,\"note\":\"since Varnish started\"}");
        assertThat(FakeApiServer.REQUESTS).allMatch(s -> s.contains(" token=" + FakeApiServer.EDIT + " "))
                .noneMatch(s -> s.contains("starting"));

        assertThat(web.get("/sites/team/blog/metrics/cache-ratio", cookie).body())
                .isEqualTo("{\"value\":null,\"note\":\"no ready Varnish pod\"}");
        // varnishstat through pods/exec, refused: the API server's words are the reason
        HttpResponse<String> refused = web.get("/sites/refused/shop/metrics/cache-ratio", web.signIn(FakeApiServer.VIEW));
        assertThat(refused.statusCode()).as(FakeApiServer.REQUESTS.toString()).isEqualTo(200);
        assertThat(refused.body()).startsWith("{\"value\":null,").contains("refused by the API server (403)")
                .contains("cannot create resource \\\"pods/exec\\\"");
    }

    @Test
    void theFileManagerRefusesPathsOutsideWpContentAndSaysWhenTheSiteHasNoPod() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        FakeApiServer.REQUESTS.clear();
        HttpResponse<String> outside = web.get("/sites/team/blog/files?path=" + DashboardHttp.enc("../wp-config.php"), cookie);
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("File manager");
        assertThat(FakeApiServer.REQUESTS).isEmpty();

        HttpResponse<String> noPod = web.get("/sites/team/blog/files?path=uploads", cookie);
        assertThat(noPod.statusCode()).isEqualTo(503);
        assertThat(noPod.body()).contains("has no ready WordPress pod");
        assertThat(FakeApiServer.REQUESTS).allMatch(s -> s.contains(" token=" + FakeApiServer.EDIT + " "));
    }

    @Test
    void fileManagerPostsNeedTheCsrfToken() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        String csrf = DashboardHttp.csrfOf(web.get("/sites/team/blog", cookie).body());
        FakeApiServer.REQUESTS.clear();
        for (String action : new String[] { "edit", "rename", "delete", "mkdir" }) {
            assertThat(web.post("/sites/team/blog/files/" + action, cookie, "path=uploads%2Fa.txt&to=b.txt&folder=x&text=hi").statusCode())
                    .as(action).isEqualTo(403);
        }
        assertThat(upload(cookie, null).statusCode()).isEqualTo(403);
        assertThat(upload(cookie, "wrong").statusCode()).isEqualTo(403);
        assertThat(FakeApiServer.REQUESTS).isEmpty();

        // with the token the upload reaches the file manager (which finds no pod of the site here)
        HttpResponse<String> r = upload(cookie, csrf);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("has no ready WordPress pod");
        assertThat(web.post("/sites/team/blog/files/delete", cookie, "csrf=" + DashboardHttp.enc(csrf) + "&path=").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> upload(String cookie, String csrf) throws IOException, InterruptedException {
        String body = (csrf == null ? "" : part("csrf", null, csrf)) + part("path", null, "uploads")
                + part("file", "hello.txt", "hello from the dashboard\n") + "--" + BOUNDARY + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create(root + "/sites/team/blog/files/upload")).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String part(String name, String fileName, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: text/plain") + "\r\n\r\n" + value + "\r\n";
    }
}
