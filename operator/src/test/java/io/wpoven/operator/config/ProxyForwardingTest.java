package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The real nginx, started from the rendered proxy config, in front of a recording "Varnish": what reaches the caches
 * and PHP about the visitor, whatever the visitor sends.
 */
class ProxyForwardingTest {
    @TempDir
    Path dir;
    private Process nginx;
    private ServerSocket varnish;
    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
    private StackLayout layout;

    /** Starts nginx with the site's proxy config; trusted: the Ingress addresses whose forwarded headers count. */
    void start(WordPressSite site, List<String> trusted) throws Exception {
        start(site, trusted, false);
    }

    /** https: the site's certificate is issued (redirect to HTTPS, HSTS). */
    void start(WordPressSite site, List<String> trusted, boolean https) throws Exception {
        layout = Processes.loopback(dir);
        // nginx's workers drop root (as the pod's non-root user would be): they write the cache under dir
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        varnish = new ServerSocket(layout.varnishPort(), 50, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(this::record);
        Path conf = Files.writeString(dir.resolve("nginx.conf"), ProxyNginxConfig.render(site, layout, trusted, https));
        nginx = new ProcessBuilder("nginx", "-e", "stderr", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", layout.proxyPort()), 200);
                return;
            } catch (IOException notYet) {
                if (!nginx.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.log")));
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (varnish != null) {
            varnish.close();
        }
    }

    /** Answers every request with 200 and records its headers (names in lower case); each connection on its own. */
    private void record() {
        while (!varnish.isClosed()) {
            try {
                Socket socket = varnish.accept();
                CompletableFuture.runAsync(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new TreeMap<>();
                headers.put(":request", requestLine);
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    int colon = line.indexOf(':');
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
                received.add(headers);
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException closed) {
            // nginx closed the upstream connection
        }
    }

    /** Sends one raw request to the proxy; returns its status line and what Varnish got (null if nothing). */
    Map<String, String> send(String request) throws Exception {
        received.clear();
        String status;
        try (Socket s = new Socket("127.0.0.1", layout.proxyPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            status = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)).readLine();
        }
        Map<String, String> upstream = received.poll(2, TimeUnit.SECONDS);
        Map<String, String> result = new TreeMap<>(upstream == null ? Map.of() : upstream);
        result.put(":status", status);
        return result;
    }

    /** One raw request's response head (status line and headers) and what Varnish got (empty when nothing). */
    record Exchange(String head, Map<String, String> upstream) {
    }

    Exchange exchange(String request) throws Exception {
        received.clear();
        StringBuilder head = new StringBuilder();
        try (Socket s = new Socket("127.0.0.1", layout.proxyPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
        }
        Map<String, String> upstream = received.poll(head.toString().contains(" 200 ") ? 2 : 0, TimeUnit.SECONDS);
        return new Exchange(head.toString(), upstream == null ? Map.of() : upstream);
    }

    static String get(String path, String forwardedProto) {
        return "GET " + path + " HTTP/1.1\r\nHost: blog.example.com\r\n"
                + (forwardedProto == null ? "" : "X-Forwarded-Proto: " + forwardedProto + "\r\n") + "Connection: close\r\n\r\n";
    }

    /**
     * With the site's certificate issued, what the Ingress got over HTTP is redirected to the same URL over HTTPS
     * (nothing reaches Varnish), and HTTPS pages carry HSTS; the health check and ACME's HTTP-01 challenges are not
     * redirected, nor requests that did not come through the Ingress (cluster pods, probes).
     */
    @Test
    void withTheCertificateIssuedHttpThroughTheIngressIsRedirectedAndHttpsSendsHsts() throws Exception {
        start(site("blog", "blog.example.com"), List.of("127.0.0.1/32"), true);

        Exchange http = exchange(get("/about/?a=1", "http"));
        assertThat(http.head()).as(log()).startsWith("HTTP/1.1 301 ")
                .contains("\nLocation: https://blog.example.com/about/?a=1\n").doesNotContain("Strict-Transport-Security");
        assertThat(http.upstream()).as("a redirect never reaches Varnish").isEmpty();

        Exchange https = exchange(get("/about/", "https"));
        assertThat(https.head()).startsWith("HTTP/1.1 200 ").contains("\nStrict-Transport-Security: max-age=31536000\n");
        assertThat(https.upstream()).containsEntry("x-forwarded-proto", "https");

        Exchange acme = exchange(get("/.well-known/acme-challenge/token-1", "http"));
        assertThat(acme.head()).startsWith("HTTP/1.1 200 ");
        assertThat(acme.upstream()).containsEntry(":request", "GET /.well-known/acme-challenge/token-1 HTTP/1.1");
        assertThat(exchange(get("/healthz", "http")).head()).startsWith("HTTP/1.1 200 ");

        Exchange direct = exchange(get("/", null));
        assertThat(direct.head()).as("not through the Ingress").startsWith("HTTP/1.1 200 ").doesNotContain("Strict-Transport-Security");
    }

    @Test
    void withoutAnIssuedCertificateHttpIsServedAndNoHstsIsSent() throws Exception {
        start(site("blog", "blog.example.com"), List.of("127.0.0.1/32"), false);
        assertThat(exchange(get("/", "http")).head()).startsWith("HTTP/1.1 200 ");
        assertThat(exchange(get("/", "https")).head()).startsWith("HTTP/1.1 200 ").doesNotContain("Strict-Transport-Security");
    }

    @Test
    void aPeerThatIsNotTheIngressIsNotRedirectedNorToldHsts() throws Exception {
        start(site("blog", "blog.example.com"), List.of("192.0.2.0/24"), true);
        assertThat(exchange(get("/", "http")).head()).startsWith("HTTP/1.1 200 ");
        assertThat(exchange(get("/", "https")).head()).startsWith("HTTP/1.1 200 ").doesNotContain("Strict-Transport-Security");
    }

    /** Whether the certificate is issued is part of the proxy's config: the change rolls the proxy pods only. */
    @Test
    void anIssuedCertificateChangesTheProxysConfigHashOnly() {
        WordPressSite site = site("blog", "blog.example.com");
        List<String> peers = ProxyNginxConfig.TRUSTED_PEERS;
        for (var component : io.wpoven.operator.support.Component.values()) {
            boolean differs = !io.wpoven.operator.site.SiteConfigFiles.hash(site, component, peers, true)
                    .equals(io.wpoven.operator.site.SiteConfigFiles.hash(site, component, peers, false));
            assertThat(differs).as(component.name()).isEqualTo(component == io.wpoven.operator.support.Component.PROXY);
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("nginx.log"));
    }

    static final String SPOOFED = "GET / HTTP/1.1\r\nHost: blog.example.com\r\nX-Forwarded-For: 6.6.6.6\r\n"
            + "X-Real-IP: 6.6.6.6\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example.net\r\nConnection: close\r\n\r\n";

    @Test
    void fromAPeerThatIsNotTheIngressTheProxySaysWhatItSawItself() throws Exception {
        start(site("blog", "blog.example.com"), List.of("192.0.2.0/24"));
        Map<String, String> got = send(SPOOFED);
        assertThat(got.get(":status")).as(log()).contains(" 200 ");
        assertThat(got).containsEntry("x-real-ip", "127.0.0.1").containsEntry("x-forwarded-for", "127.0.0.1")
                .containsEntry("x-forwarded-proto", "http").containsEntry("x-forwarded-host", "blog.example.com")
                .containsEntry("host", "blog.example.com");
    }

    @Test
    void fromTheIngressTheVisitorsAddressAndSchemeAreBelieved() throws Exception {
        start(site("blog", "blog.example.com"), List.of("127.0.0.1/32"));
        Map<String, String> got = send("GET / HTTP/1.1\r\nHost: blog.example.com\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n"
                + "X-Real-IP: 6.6.6.6\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example.net\r\nConnection: close\r\n\r\n");
        assertThat(got).as("the address the Ingress saw, not what the visitor claims before it")
                .containsEntry("x-real-ip", "203.0.113.7").containsEntry("x-forwarded-for", "203.0.113.7")
                .containsEntry("x-forwarded-proto", "https").containsEntry("x-forwarded-host", "blog.example.com");
    }

    @Test
    void anAbsoluteRequestLineCannotSmuggleAHostAndHostVariantsAreOneHost() throws Exception {
        start(site("blog", "blog.example.com"), List.of());
        assertThat(send("GET http://blog.example.com/x HTTP/1.1\r\nHost: evil.example.net\r\nConnection: close\r\n\r\n"))
                .containsEntry("host", "blog.example.com").containsEntry(":request", "GET /x HTTP/1.1");
        Map<String, String> other = send("GET http://evil.example.net/x HTTP/1.1\r\nHost: blog.example.com\r\nConnection: close\r\n\r\n");
        assertThat(other.get(":status")).as("another host in the request line is not the site").contains(" 421 ");
        assertThat(other).doesNotContainKey("host");
        for (String variant : List.of("BLOG.Example.COM", "blog.example.com.", "Blog.Example.Com.")) {
            assertThat(send("GET / HTTP/1.1\r\nHost: " + variant + "\r\nConnection: close\r\n\r\n"))
                    .as(variant).containsEntry("host", "blog.example.com");
        }
    }

    @Test
    void basicAuthCredentialsNeverReachPhp() throws Exception {
        WordPressSite site = site("blog", "blog.example.com");
        assertThat(ProxyNginxConfig.authorization(site)).startsWith("#");
        io.wpoven.operator.api.v1alpha1.spec.AccessSpec access = new io.wpoven.operator.api.v1alpha1.spec.AccessSpec();
        access.setBasicAuth(true);
        site.getSpec().setAccess(access);
        String conf = ProxyNginxConfig.render(site, Processes.loopback(dir));
        assertThat(conf).contains("auth_basic_user_file").contains("proxy_set_header Authorization \"\";");
        ProxyNginxConfigTest.assertNginxAccepts(dir, conf);
    }

    /** The trusted peers are the platform's (wpoven.policy.trusted-forwarders): a change rolls the proxy pods only. */
    @Test
    void theTrustedPeersAreConfiguredAndPartOfTheProxysConfigHash() {
        WordPressSite site = site("blog", "blog.example.com");
        assertThat(io.wpoven.operator.site.SiteConfigFiles.render(site, List.of("10.244.0.0/16")).get("proxy-nginx.conf"))
                .contains("set_real_ip_from 10.244.0.0/16;").doesNotContain("192.168.0.0/16");
        var proxy = io.wpoven.operator.support.Component.PROXY;
        assertThat(io.wpoven.operator.site.SiteConfigFiles.hash(site, proxy, List.of("10.244.0.0/16")))
                .isNotEqualTo(io.wpoven.operator.site.SiteConfigFiles.hash(site, proxy));
        var varnish = io.wpoven.operator.support.Component.VARNISH;
        assertThat(io.wpoven.operator.site.SiteConfigFiles.hash(site, varnish, List.of("10.244.0.0/16")))
                .isEqualTo(io.wpoven.operator.site.SiteConfigFiles.hash(site, varnish));
    }
}
