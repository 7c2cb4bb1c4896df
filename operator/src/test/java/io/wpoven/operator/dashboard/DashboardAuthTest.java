package io.wpoven.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Sign-in, sessions, cookies and CSRF of the dashboard, against a stand-in API server that checks bearer tokens. */
@QuarkusTest
@QuarkusTestResource(FakeApiServer.class)
class DashboardAuthTest {
    @TestHTTPResource("/dashboard")
    URI root;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void clear() {
        FakeApiServer.REQUESTS.clear();
    }

    @Test
    void withoutASessionEveryPageSendsToSignIn() throws Exception {
        HttpResponse<String> r = get("", null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/sign-in");
        assertThat(get("/sites/team/blog", null).statusCode()).isEqualTo(303);
        assertThat(post("/sites/team/blog/purge", null, "").statusCode()).isEqualTo(303);
        assertThat(FakeApiServer.REQUESTS).isEmpty();
        assertThat(get("/sign-in", null).body()).contains("Paste a Kubernetes bearer token");
    }

    @Test
    void aTokenTheApiServerRefusesMakesNoSession() throws Exception {
        HttpResponse<String> r = post("/sign-in", null, "token=" + enc("not-a-token"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("The API server refused this token (401 Unauthorized).");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        // the check was made with the pasted token itself
        assertThat(FakeApiServer.REQUESTS).singleElement().asString()
                .startsWith("POST /apis/authentication.k8s.io/v1/selfsubjectreviews token=not-a-token");
    }

    @Test
    void signInKeepsTheTokenServerSideInAStrictHttpOnlyCookieSession() throws Exception {
        HttpResponse<String> r = post("/sign-in", null, "token=" + enc(FakeApiServer.EDIT));
        assertThat(r.statusCode()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Secure")
                .doesNotContain(FakeApiServer.EDIT);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> fleet = get("", cookie);
        assertThat(fleet.statusCode()).isEqualTo(200);
        assertThat(fleet.body()).contains("system:serviceaccount:team:editor").contains("blog.example.com")
                .contains("/dashboard/sites/team/blog").doesNotContain(FakeApiServer.EDIT);
        assertThat(fleet.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(FakeApiServer.REQUESTS).filteredOn(s -> s.startsWith("GET /apis/wpoven.io/v1alpha1/wordpresssites"))
                .singleElement().asString().contains("token=" + FakeApiServer.EDIT);

        // behind a TLS-terminating proxy the cookie is Secure
        HttpResponse<String> tls = http.send(HttpRequest.newBuilder(URI.create(root + "/sign-in")).header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(FakeApiServer.EDIT))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tls.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndReachesNoApiServer() throws Exception {
        String cookie = signIn(FakeApiServer.EDIT);
        FakeApiServer.REQUESTS.clear();
        assertThat(post("/sites/team/blog/purge", cookie, "").statusCode()).isEqualTo(403);
        assertThat(post("/sites/team/blog/purge", cookie, "csrf=wrong").statusCode()).isEqualTo(403);
        assertThat(FakeApiServer.REQUESTS).isEmpty();

        String csrf = csrfOf(get("/sites/team/blog", cookie).body());
        FakeApiServer.REQUESTS.clear();
        HttpResponse<String> purge = post("/sites/team/blog/purge", cookie, "csrf=" + enc(csrf));
        assertThat(purge.statusCode()).isEqualTo(303);
        assertThat(FakeApiServer.REQUESTS).allMatch(s -> s.contains(" token=" + FakeApiServer.EDIT + " "))
                .filteredOn(s -> s.startsWith("PATCH ")).singleElement().asString()
                .startsWith("PATCH /apis/wpoven.io/v1alpha1/namespaces/team/wordpresssites/blog token=" + FakeApiServer.EDIT)
                .contains("wpoven.io/purge-cache");
        // the header works as well as the form field (for scripts)
        HttpResponse<String> viaHeader = http.send(HttpRequest.newBuilder(URI.create(root + "/sites/team/blog/purge"))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaHeader.statusCode()).isEqualTo(303);
    }

    @Test
    void whatRbacRefusesIsShownAsTheApiServers403() throws Exception {
        String cookie = signIn(FakeApiServer.VIEW);
        assertThat(get("", cookie).body()).contains("blog.example.com");
        String csrf = csrfOf(get("/sites/team/blog", cookie).body());
        HttpResponse<String> r = post("/sites/team/blog/purge", cookie, "csrf=" + enc(csrf));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Forbidden by the API server")
                .contains("cannot patch resource &quot;wordpresssites&quot; in API group &quot;wpoven.io&quot;");
    }

    @Test
    void signOutForgetsTheSession() throws Exception {
        String cookie = signIn(FakeApiServer.EDIT);
        String csrf = csrfOf(get("", cookie).body());
        HttpResponse<String> out = post("/sign-out", cookie, "csrf=" + enc(csrf));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get("", cookie).statusCode()).isEqualTo(303);
    }

    private String signIn(String token) throws IOException, InterruptedException {
        String setCookie = post("/sign-in", null, "token=" + enc(token)).headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field in the page").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
