package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

class VarnishVclTest {

    private final WordPressSite site = site("blog", "blog.example.com");
    private final String vcl = VarnishVcl.render(site, StackLayout.inCluster(site));

    @Test
    void fetchesFromTheWordPressServiceWhileItIsHealthy() {
        assertThat(vcl).startsWith("vcl 4.1;")
                .contains(".host = \"blog-wordpress\";")
                .contains(".port = \"8081\";")
                .contains(".url = \"/healthz\";")
                // PHP may run 60 s: Varnish waits longer, so PHP's own limit fires first
                .contains(".first_byte_timeout = 90s;");
    }

    @Test
    void passesLoggedInVisitorsAdminAndShopPages() {
        assertThat(vcl)
                .contains("wordpress_logged_in_").contains("wordpress_sec_").contains("wp-postpass_")
                .contains("comment_author_").contains("woocommerce_").contains("wp_woocommerce_session_")
                .contains("wp-admin").contains("wp-login\\.php").contains("xmlrpc\\.php").contains("wp-cron\\.php")
                .contains("wp-json/").contains("rest_route").contains("preview")
                .contains("cart|checkout|my-account")
                .contains("if (req.method != \"GET\" && req.method != \"HEAD\") {\n        return (pass);");
    }

    @Test
    void stripsTrackingParametersAndCookiesOfCacheableRequests() {
        assertThat(vcl).contains("utm_[a-z_]+|gclid|").contains("|fbclid|msclkid|mc_cid|mc_eid|_ga|")
                .contains("std.querysort(req.url)")
                .contains("unset req.http.Cookie;");
    }

    @Test
    void cachesForAsLongAsTheSpecSays() {
        assertThat(vcl).contains("set beresp.ttl = 300s;")
                .contains("set beresp.ttl = 86400s;")
                .contains("set beresp.grace = 3600s;")
                .contains("if (std.healthy(req.backend_hint)) {\n        set req.grace = 10s;");

        site.getSpec().getCache().setTtlSeconds(60);
        site.getSpec().getCache().setStaticTtlSeconds(604800);
        site.getSpec().getCache().setGraceSeconds(0);
        assertThat(VarnishVcl.render(site, StackLayout.inCluster(site)))
                .contains("set beresp.ttl = 60s;").contains("set beresp.ttl = 604800s;")
                .contains("set beresp.grace = 0s;");
    }

    @Test
    void invalidationNeedsTheTokenFromTheEnvironment() {
        assertThat(vcl).contains("import std;")
                .contains("std.getenv(\"" + VarnishVcl.PURGE_TOKEN_ENV + "\") == \"\"")
                .contains("req.http." + VarnishVcl.PURGE_TOKEN_HEADER + " != std.getenv(\"WPOVEN_PURGE_TOKEN\")")
                .contains("return (synth(403, \"Forbidden\"));")
                .contains("X-Ban-Url")
                .doesNotContain("{{");
    }

    @Test
    void marksHitsAndMisses() {
        assertThat(vcl).contains("set resp.http.X-Cache = \"HIT\";").contains("set resp.http.X-Cache = \"MISS\";")
                .contains("set resp.http.X-Cache-Hits = obj.hits;");
    }

    @Test
    void marksWhatItCachesForTheProxysMicroCache() {
        assertThat(vcl).contains("if (!obj.uncacheable && resp.status < 500) {\n        set resp.http.X-Accel-Expires = \"1\";");
        // the pass cookies are the proxy's too: one definition
        assertThat(vcl).contains("if (req.http.Cookie ~ \"" + VarnishVcl.PASS_COOKIES + "\") {");

        site.getSpec().getCache().setMicroCacheSeconds(5);
        assertThat(VarnishVcl.render(site, StackLayout.inCluster(site))).contains("set resp.http.X-Accel-Expires = \"5\";");
        site.getSpec().getCache().setMicroCacheSeconds(0);
        assertThat(VarnishVcl.render(site, StackLayout.inCluster(site))).doesNotContain("X-Accel-Expires");
    }

    @Test
    void varnishCompilesIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("default.vcl"), VarnishVcl.render(site, Processes.loopback(dir)));
        Processes.Result result = Processes.run(dir, "varnishd", "-j", "none", "-C", "-f", file.toString(), "-n", dir.resolve("n").toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** Real Varnish against a scripted backend (varnishtest); the probe is left out, it would eat scripted requests. */
    @Test
    void behavesAsVisitorsAndPurgersExpect(@TempDir Path dir) throws IOException {
        StackLayout layout = Processes.loopback(dir);
        String vclWithoutProbe = VarnishVcl.render(site, layout).replaceAll("(?s)\\n    \\.probe = \\{.*?\\n    }", "");
        assertThat(vclWithoutProbe).doesNotContain(".probe");
        String vtc = resource("/config/default-vcl.vtc")
                .replace("@BACKEND_PORT@", String.valueOf(layout.backendPort()))
                .replace("@VCL@", vclWithoutProbe);
        Path file = Files.writeString(dir.resolve("default-vcl.vtc"), vtc);

        Processes.Result result = Processes.run(dir, "varnishtest", "-t", "60", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /**
     * Invalidation names the site, whatever port visitors use, also in the absolute form that java.net.http sends
     * through a proxy (the operator's CachePurger); a refusal (the WAF's 403) is never served to the next visitor.
     */
    @Test
    void purgesBySiteNameAndNeverCachesARefusal(@TempDir Path dir) throws IOException {
        StackLayout layout = Processes.loopback(dir);
        String vclWithoutProbe = VarnishVcl.render(site, layout).replaceAll("(?s)\\n    \\.probe = \\{.*?\\n    }", "");
        String vtc = """
                varnishtest "WPOven default.vcl: bans by site name, refusals not cached"
                server s1 -listen 127.0.0.1:@BACKEND_PORT@ {
                    rxreq
                    txresp -hdr "Content-Type: text/html" -body "home-1"
                    rxreq
                    txresp -hdr "Content-Type: text/html" -body "home-2"
                    rxreq
                    expect req.url == "/page"
                    txresp -status 403 -body "refused"
                    rxreq
                    expect req.url == "/page"
                    txresp -hdr "Content-Type: text/html" -body "page"
                } -start

                setenv WPOVEN_PURGE_TOKEN "s3cret-token"
                varnish v1 -vcl {
                @VCL@
                } -start

                client c1 {
                    txreq -url "/" -hdr "Host: blog.example.com:8443" -hdr "X-Forwarded-Proto: https"
                    rxresp
                    expect resp.body == "home-1"
                    txreq -url "/" -hdr "Host: blog.example.com:8443" -hdr "X-Forwarded-Proto: https"
                    rxresp
                    expect resp.http.X-Cache == "HIT"

                    txreq -req BAN -url "http://blog.example.com/" -hdr "Host: blog.example.com" -hdr "X-Purge-Token: s3cret-token" -hdr "X-Ban-Url: ."
                    rxresp
                    expect resp.status == 200

                    txreq -url "/" -hdr "Host: blog.example.com:8443" -hdr "X-Forwarded-Proto: https"
                    rxresp
                    expect resp.body == "home-2"
                    expect resp.http.X-Cache == "MISS"

                    txreq -url "/page" -hdr "Host: blog.example.com" -hdr "User-Agent: sqlmap"
                    rxresp
                    expect resp.status == 403
                    txreq -url "/page" -hdr "Host: blog.example.com"
                    rxresp
                    expect resp.status == 200
                    expect resp.body == "page"
                } -run
                """.replace("@BACKEND_PORT@", String.valueOf(layout.backendPort())).replace("@VCL@", vclWithoutProbe);
        Path file = Files.writeString(dir.resolve("invalidation.vtc"), vtc);

        Processes.Result result = Processes.run(dir, "varnishtest", "-t", "60", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = VarnishVclTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
