package io.wpoven.operator.site;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wpoven.operator.api.v1alpha1.CachePurgeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.cache.CachePurger;

class CachePurgeRequestsTest {

    @Test
    void aNewAnnotationValueIsOnePendingRequestUntilStatusAnswersIt() {
        WordPressSite s = site("blog", "blog.example.com");
        assertThat(CachePurgeRequests.pending(s)).isEmpty();
        s.getMetadata().setAnnotations(Map.of(CachePurgeRequests.ANNOTATION, "1"));
        assertThat(CachePurgeRequests.pending(s)).contains("1");
        s.setStatus(new WordPressSiteStatus());
        s.getStatus().setCachePurge(new CachePurgeStatus("1", "Failed", "x", "t"));
        assertThat(CachePurgeRequests.pending(s)).as("answered, even when it failed").isEmpty();
        s.getMetadata().setAnnotations(Map.of(CachePurgeRequests.ANNOTATION, "2"));
        assertThat(CachePurgeRequests.pending(s)).contains("2");
    }

    @Test
    void purgesEveryDomainWithTheTokenFromTheSecret() throws Exception {
        WordPressSite s = site("blog", "blog.example.com", "www.example.com");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer varnish = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        varnish.createContext("/", x -> {
            seen.add(x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Host") + " "
                    + x.getRequestHeaders().getFirst("X-Purge-Token") + " " + x.getRequestHeaders().getFirst("X-Ban-Url"));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        varnish.start();
        try {
            var secret = new SecretBuilder().addToData("purge-token",
                    java.util.Base64.getEncoder().encodeToString("t0ken".getBytes())).build();
            CachePurgeStatus outcome = new CachePurgeRequests(new CachePurger(), x -> List.of(CachePurger.Replica.at(varnish.getAddress())))
                    .purge(s, "7", Optional.of(secret));
            assertThat(outcome.getOutcome()).isEqualTo("Succeeded");
            assertThat(outcome.getRequest()).isEqualTo("7");
            assertThat(seen).containsExactly("BAN blog.example.com t0ken .", "BAN www.example.com t0ken .");
            assertThat(outcome.getMessage()).doesNotContain("t0ken");
        } finally {
            varnish.stop(0);
        }
    }

    @Test
    void anUnreachableVarnishIsAFailedOutcomeNotAnException() {
        CachePurgeStatus outcome = new CachePurgeRequests(new CachePurger(java.time.Duration.ofMillis(500)),
                x -> List.of()).purge(site("blog", "blog.example.com"), "1", Optional.empty());
        assertThat(outcome.getOutcome()).isEqualTo("Failed");
        assertThat(outcome.getMessage()).contains("purge token");
    }

    @Test
    void noReadyVarnishPodIsAFailedOutcome() {
        var secret = new SecretBuilder().addToData("purge-token",
                java.util.Base64.getEncoder().encodeToString("t0ken".getBytes())).build();
        CachePurgeStatus outcome = new CachePurgeRequests(new CachePurger(), x -> List.of())
                .purge(site("blog", "blog.example.com"), "1", Optional.of(secret));
        assertThat(outcome.getOutcome()).isEqualTo("Failed");
        assertThat(outcome.getMessage()).isEqualTo("no ready Varnish pod to purge");
    }
}
