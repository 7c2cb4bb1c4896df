package io.wpoven.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** What the purger sends, against a scripted Varnish; the stack test (e2e) runs it against the real one. */
class CachePurgerTest {
    private final CachePurger purger = new CachePurger(Duration.ofSeconds(5));

    @Test
    void bansEveryPageOfEachDomainWithTheToken() throws Exception {
        try (ServerSocket varnish = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> requests = serve(varnish, "HTTP/1.1 200 Banned");
            purger.purgeDomains(address(varnish), "t0ken", List.of("blog.example.com", "www.example.com"));

            assertThat(requests).hasSize(2);
            assertThat(requests.get(0)).startsWith("BAN http://blog.example.com/ HTTP/1.1\r\n")
                    .containsIgnoringCase("\r\nHost: blog.example.com\r\n")
                    .containsIgnoringCase("\r\nX-Purge-Token: t0ken\r\n")
                    .containsIgnoringCase("\r\nX-Ban-Url: .\r\n");
            assertThat(requests.get(1)).startsWith("BAN http://www.example.com/ HTTP/1.1\r\n");
        }
    }

    @Test
    void purgesOnePage() throws Exception {
        try (ServerSocket varnish = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> requests = serve(varnish, "HTTP/1.1 200 Purged");
            purger.purgeUrl(address(varnish), "t0ken", "blog.example.com", "/hello-world/?a=1");

            assertThat(requests).singleElement().asString()
                    .startsWith("PURGE http://blog.example.com/hello-world/?a=1 HTTP/1.1\r\n")
                    .containsIgnoringCase("\r\nX-Purge-Token: t0ken\r\n");
        }
    }

    @Test
    void aRefusalOrNoVarnishIsAnError() throws Exception {
        try (ServerSocket varnish = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            serve(varnish, "HTTP/1.1 403 Forbidden");
            assertThatThrownBy(() -> purger.purgeDomains(address(varnish), "wrong", List.of("blog.example.com")))
                    .isInstanceOf(CachePurger.CachePurgeException.class)
                    .hasMessageContaining("BAN http://blog.example.com/").hasMessageContaining("answered 403");
        }
        InetSocketAddress nothing;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothing = address(closed);
        }
        assertThatThrownBy(() -> purger.purgeDomains(nothing, "t0ken", List.of("blog.example.com")))
                .isInstanceOf(CachePurger.CachePurgeException.class).hasMessageContaining("failed");
        assertThatThrownBy(() -> purger.purgeDomains(nothing, "", List.of("blog.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A Varnish that accepts and never answers holds the caller for the total budget, not per domain. */
    @Test
    void aSilentVarnishHoldsTheCallerNoLongerThanTheTotalBudget() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            CompletableFuture.runAsync(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            List<String> domains = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "d" + i + ".example.com").toList();
            long start = System.nanoTime();
            assertThatThrownBy(() -> new CachePurger(Duration.ofSeconds(2), Duration.ofMillis(1500))
                    .purgeDomains(address(silent), "t0ken", domains))
                    .isInstanceOf(CachePurger.CachePurgeException.class).hasMessageContaining("took longer than 1500 ms");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("20 domains with 2 s each would be 40 s").isBetween(1400L, 3000L);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** Two Varnish pods, each with its own copies: one purge bans every domain in both. */
    @Test
    void onePurgeReachesEveryReplica() throws Exception {
        try (ServerSocket a = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> toA = serve(a, "HTTP/1.1 200 Banned");
            List<String> toB = serve(b, "HTTP/1.1 200 Banned");
            purger.purgeDomains(List.of(new CachePurger.Replica("blog-varnish-a", address(a)),
                    new CachePurger.Replica("blog-varnish-b", address(b))), "t0ken", List.of("blog.example.com", "www.example.com"));

            for (List<String> requests : List.of(toA, toB)) {
                assertThat(requests).hasSize(2);
                assertThat(requests.get(0)).startsWith("BAN http://blog.example.com/ HTTP/1.1\r\n")
                        .containsIgnoringCase("\r\nX-Purge-Token: t0ken\r\n").containsIgnoringCase("\r\nX-Ban-Url: .\r\n");
                assertThat(requests.get(1)).startsWith("BAN http://www.example.com/ HTTP/1.1\r\n");
            }
        }
    }

    /** One replica refusing (or gone) fails the purge, named; the others are still purged. */
    @Test
    void aReplicaThatRefusesFailsThePurgeByName() throws Exception {
        try (ServerSocket good = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                ServerSocket refusing = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> toGood = serve(good, "HTTP/1.1 200 Banned");
            serve(refusing, "HTTP/1.1 403 Forbidden");
            List<CachePurger.Replica> replicas = List.of(new CachePurger.Replica("blog-varnish-good", address(good)),
                    new CachePurger.Replica("blog-varnish-bad", address(refusing)));
            assertThatThrownBy(() -> purger.purgeDomains(replicas, "t0ken", List.of("blog.example.com")))
                    .isInstanceOf(CachePurger.CachePurgeException.class)
                    .hasMessageStartingWith("1 of 2 Varnish pods not purged: blog-varnish-bad: BAN http://blog.example.com/ at ")
                    .hasMessageContaining(":" + refusing.getLocalPort() + " answered 403")
                    .hasMessageContaining("answered 403")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("blog-varnish-good").doesNotContain("t0ken"));
            assertThat(toGood).hasSize(1);
        }
        assertThatThrownBy(() -> purger.purgeDomains(List.of(), "t0ken", List.of("blog.example.com")))
                .isInstanceOf(CachePurger.CachePurgeException.class).hasMessage("no ready Varnish pod to purge");
    }

    private static InetSocketAddress address(ServerSocket socket) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    /** Answers each request (keep-alive) with {@code statusLine} and records it. */
    private static List<String> serve(ServerSocket server, String statusLine) {
        List<String> requests = new CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = socket.getOutputStream();
                    while (true) {
                        StringBuilder request = new StringBuilder();
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            request.append(line).append("\r\n");
                        }
                        if (request.isEmpty()) {
                            break;
                        }
                        requests.add(request.toString());
                        out.write((statusLine + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return requests;
    }
}
