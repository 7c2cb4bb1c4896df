package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

class ProxyNginxConfigTest {

    private final WordPressSite site = site("blog", "blog.example.com", "www.example.com");
    private final String conf = ProxyNginxConfig.render(site, StackLayout.inCluster(site));

    @Test
    void forwardsTheSiteDomainsToVarnish() {
        assertThat(conf)
                .contains("listen 0.0.0.0:8080;")
                .contains("server_name blog.example.com www.example.com;")
                .contains("server blog-varnish:6081;")
                .contains("proxy_pass http://varnish;")
                .contains("keepalive 32;")
                .contains("proxy_set_header Connection \"\";");
    }

    @Test
    void tellsVarnishAboutTheVisitor() {
        assertThat(conf)
                .contains("proxy_set_header Host $host;")
                .contains("proxy_set_header X-Real-IP $remote_addr;")
                .contains("proxy_set_header X-Forwarded-For $remote_addr;")
                .contains("proxy_set_header X-Forwarded-Host $host;")
                .contains("proxy_set_header X-Forwarded-Proto $wpoven_forwarded_proto;")
                .contains("set_real_ip_from 10.0.0.0/8;").contains("real_ip_header X-Forwarded-For;")
                .doesNotContain("$http_host");
        // the Ingress's X-Forwarded-Proto wins over the proxy's own (plain http) scheme, from a trusted peer only
        assertThat(conf).containsPattern("map \"\\$wpoven_trusted_peer:\\$http_x_forwarded_proto\" \\$wpoven_forwarded_proto"
                + " \\{\\s+default\\s+\\$scheme;\\s+\"1:http\"\\s+http;\\s+\"1:https\"\\s+https;");
    }

    @Test
    void refusesPurgeBanAndUnusualMethods() {
        String methods = conf.substring(conf.indexOf("map $request_method"), conf.indexOf("upstream varnish"));
        assertThat(methods).contains("default 0;");
        for (String allowed : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            assertThat(methods).containsPattern("\\s" + allowed + "\\s+1;");
        }
        assertThat(methods).doesNotContain("PURGE").doesNotContain("BAN");
        assertThat(conf).contains("if ($wpoven_method_allowed = 0) {").contains("return 405;");
    }

    @Test
    void otherHostsGetOnlyTheHealthCheck() {
        String fallback = conf.substring(conf.indexOf("default_server"), conf.indexOf("server_name blog.example.com"));
        assertThat(fallback).contains("location = /healthz").contains("return 200").contains("return 421;")
                .doesNotContain("proxy_pass");
        String site = conf.substring(conf.indexOf("server_name blog.example.com"));
        assertThat(site).contains("location = /healthz");
    }

    @Test
    void limitsFollowTheSpec() {
        site.getSpec().getWeb().setProxyTimeoutSeconds(120);
        site.getSpec().getWordpress().getPhp().setUploadMaxSize("256M");
        String changed = ProxyNginxConfig.render(site, StackLayout.inCluster(site));

        assertThat(conf).contains("client_max_body_size 64m;").contains("proxy_read_timeout 60s;");
        assertThat(changed).contains("client_max_body_size 256m;")
                .contains("proxy_read_timeout 120s;").contains("proxy_send_timeout 120s;");
        assertThat(conf).contains("server_tokens off;").contains("large_client_header_buffers 4 16k;")
                .contains("client_header_timeout 15s;").contains("client_body_timeout 15s;");
    }

    @Test
    void gzipFollowsTheSpec() {
        assertThat(conf).contains("gzip on;").contains("gzip_vary on;").contains("gzip_min_length 256;")
                .contains("text/css").contains("application/javascript")
                .contains("proxy_set_header Accept-Encoding $http_accept_encoding;");

        site.getSpec().getWeb().setGzip(false);
        String off = ProxyNginxConfig.render(site, StackLayout.inCluster(site));
        // nothing compressed anywhere: Varnish is asked for plain responses too
        assertThat(off).contains("gzip off;").contains("proxy_set_header Accept-Encoding \"\";");
    }

    @Test
    void microCacheKeepsOnlyWhatVarnishMarksAndNeverServesPrivateVisitors() {
        String location = conf.substring(conf.indexOf("location / {", conf.indexOf("server_name blog.example.com")));
        assertThat(conf).contains("proxy_cache_path /tmp/nginx-proxy-cache levels=1:2 keys_zone=wpoven_micro:8m max_size=128m");
        assertThat(conf).contains("\"~" + VarnishVcl.PASS_COOKIES + "\" 1;");
        assertThat(location)
                .contains("proxy_cache wpoven_micro;")
                // the scheme, host with port, whole URL and gzip-or-not: at least what Varnish tells apart
                .contains("proxy_cache_key $wpoven_forwarded_proto|$host|$request_uri|$wpoven_gzip;")
                .contains("proxy_cache_bypass $wpoven_own_pages $http_authorization;")
                .contains("proxy_no_cache $wpoven_own_pages $http_authorization $wpoven_large;")
                // without X-Accel-Expires (and no proxy_cache_valid) nothing is kept
                .contains("proxy_ignore_headers Cache-Control Expires;")
                .contains("add_header X-Cache $wpoven_x_cache always;");
        assertThat(conf).doesNotContain("proxy_cache_valid");

        site.getSpec().getCache().setMicroCacheSeconds(0);
        String off = ProxyNginxConfig.render(site, StackLayout.inCluster(site));
        assertThat(off).contains("proxy_cache off;").doesNotContain("proxy_cache wpoven_micro;");
    }

    @Test
    void runsWithoutRoot() {
        assertThat(conf).doesNotContainPattern("(?m)^\\s*user\\s")
                .contains("pid /tmp/nginx-proxy.pid;")
                .contains("client_body_temp_path /tmp/")
                .contains("proxy_temp_path /tmp/")
                .contains("error_log stderr")
                .contains("access_log /dev/stdout combined buffer=32k flush=1s;")
                .doesNotContain("{{");
    }

    @Test
    void nginxAcceptsIt(@TempDir Path dir) throws IOException {
        assertNginxAccepts(dir, ProxyNginxConfig.render(site, Processes.loopback(dir)));
    }

    @Test
    void nginxAcceptsFiftyDomainsOfTheLongestLength(@TempDir Path dir) throws IOException {
        List<String> domains = new ArrayList<>();
        String a61 = "a".repeat(61);
        String a63 = "a".repeat(63);
        for (int i = 0; i < 50; i++) {
            domains.add(String.format("%02d", i) + a61 + "." + a63 + "." + a63 + "." + a61);
        }
        assertThat(domains).allMatch(d -> d.length() == 253);
        WordPressSite many = site("many", domains.toArray(String[]::new));
        assertNginxAccepts(dir, ProxyNginxConfig.render(many, Processes.loopback(dir)));
    }

    static void assertNginxAccepts(Path dir, String conf) throws IOException {
        Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
        Processes.Result result = Processes.run(dir, "nginx", "-t", "-e", "stderr", "-p", dir.toString(), "-c", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("test is successful").doesNotContain("[warn]");
    }
}
