package io.wpoven.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

    private DashboardHttp web;
    private HttpClient http;

    @BeforeEach
    void browser() {
        web = new DashboardHttp(root);
        http = web.http;
    }

    @BeforeEach
    void clear() {
        FakeApiServer.REQUESTS.clear();
    }

    @Test
    void withoutASessionEveryPageSendsToSignIn() throws Exception {
        HttpResponse<String> r = web.get("", null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/sign-in");
        assertThat(web.get("/sites/team/blog", null).statusCode()).isEqualTo(303);
        assertThat(web.post("/sites/team/blog/purge", null, "").statusCode()).isEqualTo(303);
        assertThat(FakeApiServer.REQUESTS).isEmpty();
        assertThat(web.get("/sign-in", null).body()).contains("Paste a Kubernetes bearer token");
    }

    @Test
    void aTokenTheApiServerRefusesMakesNoSession() throws Exception {
        HttpResponse<String> r = web.post("/sign-in", null, "token=" + DashboardHttp.enc("not-a-token"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("The API server refused this token (401 Unauthorized).");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        // the check was made with the pasted token itself
        assertThat(FakeApiServer.REQUESTS).singleElement().asString()
                .startsWith("POST /apis/authentication.k8s.io/v1/selfsubjectreviews token=not-a-token");
    }

    @Test
    void signInKeepsTheTokenServerSideInAStrictHttpOnlyCookieSession() throws Exception {
        HttpResponse<String> r = web.post("/sign-in", null, "token=" + DashboardHttp.enc(FakeApiServer.EDIT));
        assertThat(r.statusCode()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Secure")
                .doesNotContain(FakeApiServer.EDIT);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> fleet = web.get("", cookie);
        assertThat(fleet.statusCode()).isEqualTo(200);
        assertThat(fleet.body()).contains("system:serviceaccount:team:editor").contains("blog.example.com")
                .contains("/dashboard/sites/team/blog").doesNotContain(FakeApiServer.EDIT);
        assertThat(fleet.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(FakeApiServer.REQUESTS).filteredOn(s -> s.startsWith("GET /apis/wpoven.io/v1alpha1/wordpresssites"))
                .singleElement().asString().contains("token=" + FakeApiServer.EDIT);

        // behind a TLS-terminating proxy the cookie is Secure
        HttpResponse<String> tls = http.send(HttpRequest.newBuilder(URI.create(root + "/sign-in")).header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + DashboardHttp.enc(FakeApiServer.EDIT))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tls.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndReachesNoApiServer() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        FakeApiServer.REQUESTS.clear();
        assertThat(web.post("/sites/team/blog/purge", cookie, "").statusCode()).isEqualTo(403);
        assertThat(web.post("/sites/team/blog/purge", cookie, "csrf=wrong").statusCode()).isEqualTo(403);
        assertThat(FakeApiServer.REQUESTS).isEmpty();

        String csrf = DashboardHttp.csrfOf(web.get("/sites/team/blog", cookie).body());
        FakeApiServer.REQUESTS.clear();
        HttpResponse<String> purge = web.post("/sites/team/blog/purge", cookie, "csrf=" + DashboardHttp.enc(csrf));
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
        String cookie = web.signIn(FakeApiServer.VIEW);
        assertThat(web.get("", cookie).body()).contains("blog.example.com");
        String csrf = DashboardHttp.csrfOf(web.get("/sites/team/blog", cookie).body());
        HttpResponse<String> r = web.post("/sites/team/blog/purge", cookie, "csrf=" + DashboardHttp.enc(csrf));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Forbidden by the API server")
                .contains("cannot patch resource &quot;wordpresssites&quot; in API group &quot;wpoven.io&quot;");
    }

    @Test
    void signOutForgetsTheSession() throws Exception {
        String cookie = web.signIn(FakeApiServer.EDIT);
        String csrf = DashboardHttp.csrfOf(web.get("", cookie).body());
        HttpResponse<String> out = web.post("/sign-out", cookie, "csrf=" + DashboardHttp.enc(csrf));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(web.get("", cookie).statusCode()).isEqualTo(303);
    }
}
