package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static io.wpoven.operator.support.TestSites.withExporters;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

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
}
