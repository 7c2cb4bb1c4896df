package io.wpoven.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A benchmark, not part of the unit tests (surefire runs *Test classes): the fleet page of 1,000 sites, through the
 * whole stack — the list read page by page (limit 500 + continue) from the stand-in API server, filtered, rendered
 * by Qute and sent. Prints the times; docs/dashboard.md records them.
 * {@code mvn -B -o -pl operator test -Dtest=FleetRenderBenchmark}
 */
@QuarkusTest
@QuarkusTestResource(FakeApiServer.class)
class FleetRenderBenchmark {
    private static final int SITES = 1000;

    @TestHTTPResource("/dashboard")
    URI root;

    @AfterEach
    void back() {
        FakeApiServer.fleetSize = 0;
    }

    @Test
    void theFleetPageOf1000Sites() throws Exception {
        FakeApiServer.fleetSize = SITES;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String setCookie = http.send(HttpRequest.newBuilder(URI.create(root + "/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(FakeApiServer.EDIT, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpRequest fleet = HttpRequest.newBuilder(root).header("Cookie", cookie).build();
        for (int i = 0; i < 5; i++) {
            http.send(fleet, HttpResponse.BodyHandlers.ofString());
        }
        FakeApiServer.REQUESTS.clear();
        List<Long> ms = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            last = http.send(fleet, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        assertThat(last.statusCode()).as(last.body().substring(0, Math.min(3000, last.body().length()))).isEqualTo(200);
        assertThat(last.body()).contains(SITES + " of " + SITES + " sites");
        assertThat(last.body().split("<tr class=").length - 1).isEqualTo(SITES);
        // one list of sites per page view, read in pages of 500: two requests
        assertThat(FakeApiServer.REQUESTS.stream().filter(r -> r.startsWith("GET /apis/wpoven.io/v1alpha1/wordpresssites")).count())
                .isEqualTo(2L * 20);
        Collections.sort(ms);
        System.out.printf("[bench] fleet page of %d sites (%d KiB): median %d ms, p90 %d ms, max %d ms (20 requests after 5 warm-up)%n",
                SITES, last.body().length() / 1024, ms.get(ms.size() / 2), ms.get(ms.size() * 9 / 10), ms.get(ms.size() - 1));
    }
}
