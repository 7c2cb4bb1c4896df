package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static io.wpoven.operator.support.TestSites.withExporters;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** stub_status for the nginx exporter: only with exporters, only to the pod's loopback, in the default server. */
class NginxStatusTest {
    private static final String LOCATION = "location = " + NginxStatus.PATH + " {";

    @Test
    void withoutExportersNeitherNginxHasAStatusPage() {
        WordPressSite site = site("blog", "blog.example.com");
        assertThat(ProxyNginxConfig.render(site, StackLayout.inCluster(site))).doesNotContain("stub_status");
        assertThat(BackendNginxConfig.render(site, StackLayout.inCluster(site))).doesNotContain("stub_status");
    }

    @Test
    void withExportersBothAnswerItToLoopbackOnly() {
        WordPressSite site = withExporters(site("blog", "blog.example.com"), false);
        for (String conf : new String[] { ProxyNginxConfig.render(site, StackLayout.inCluster(site)),
                BackendNginxConfig.render(site, StackLayout.inCluster(site)) }) {
            String block = conf.substring(conf.indexOf(LOCATION), conf.indexOf("}", conf.indexOf(LOCATION)));
            assertThat(block).contains("stub_status;", "allow 127.0.0.1;", "deny all;");
            assertThat(conf.indexOf(LOCATION)).as("once").isEqualTo(conf.lastIndexOf(LOCATION));
        }
    }

    @Test
    void theProxyAnswersItInTheDefaultServerThatLoopbackRequestsReach() {
        WordPressSite site = withExporters(site("blog", "blog.example.com"), false);
        String conf = ProxyNginxConfig.render(site, StackLayout.inCluster(site));
        int defaultServer = conf.indexOf("default_server;");
        int siteServer = conf.indexOf("server_name blog.example.com");
        assertThat(conf.indexOf(LOCATION)).isBetween(defaultServer, siteServer);
    }

    @Test
    void nginxAcceptsBothWithTheStatusPage(@TempDir Path dir) throws IOException {
        WordPressSite site = withExporters(site("blog", "blog.example.com"), false);
        ProxyNginxConfigTest.assertNginxAccepts(dir, ProxyNginxConfig.render(site, Processes.loopback(dir)));
        ProxyNginxConfigTest.assertNginxAccepts(dir, BackendNginxConfig.render(site, Processes.loopback(dir)));
    }

    @Test
    void theRealNginxAnswersTheExportersRequestOnLoopback(@TempDir Path dir) throws Exception {
        WordPressSite site = withExporters(site("blog", "blog.example.com"), false);
        StackLayout layout = Processes.loopback(dir);
        Path conf = Files.writeString(dir.resolve("nginx.conf"), ProxyNginxConfig.render(site, layout));
        Process nginx = new ProcessBuilder("nginx", "-e", "stderr", "-p", dir.toString(), "-c", conf.toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            // as the exporter asks: by address, so the default server answers
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + layout.proxyPort() + NginxStatus.PATH))
                    .timeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = null;
            for (int i = 0; i < 50 && response == null; i++) {
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(response).as(Files.readString(dir.resolve("nginx.log"))).isNotNull();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("Active connections:").contains("server accepts handled requests");
        } finally {
            nginx.destroy();
            nginx.waitFor();
        }
    }
}
