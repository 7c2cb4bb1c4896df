package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.api.v1alpha1.spec.CacheSpec;
import io.wpoven.operator.site.condition.ExportersEnabled;
import io.wpoven.operator.api.v1alpha1.spec.WebSpec;

/**
 * nginx.conf of the front reverse proxy (templates/proxy-nginx.conf): the site's domains go to Varnish with the
 * visitor's address and scheme; PURGE, BAN and unusual methods get 405; other hosts get 421; {@code /healthz}
 * answers for any host. With {@code spec.cache.microCacheSeconds} above 0 the proxy keeps each page Varnish marks
 * cacheable (X-Accel-Expires, see {@link VarnishVcl}) that long and answers repeated requests itself, except to
 * visitors with pages of their own ({@link VarnishVcl#PASS_COOKIES}) or credentials.
 */
public final class ProxyNginxConfig {
    private static final Template TEMPLATE = Template.load("proxy-nginx.conf");
    private static final String MICRO_CACHE_ZONE = "wpoven_micro";

    private ProxyNginxConfig() {
    }

    /** Where the proxy pod mounts the htpasswd file of a site with basic auth. */
    public static final String HTPASSWD_DIR = "/etc/wpoven-auth";
    public static final String HTPASSWD_FILE = "htpasswd";

    /** Server-level lines for spec.access: basic auth (never for /healthz, which has its own "auth_basic off"). */
    static String siteAccess(WordPressSite site) {
        if (!AccessSpec.basicAuthOn(site.getSpec().getAccess())) {
            return "# open to everyone (spec.access)";
        }
        return "auth_basic \"" + site.getSpec().getDomains().get(0) + "\";\n        "
                + "auth_basic_user_file " + HTPASSWD_DIR + '/' + HTPASSWD_FILE + ";";
    }

    /**
     * Response headers of the site's pages beside X-Cache: noindex (spec.access). In the page location itself, since a
     * location with add_header of its own inherits none from its server.
     */
    static String pageHeaders(WordPressSite site) {
        return AccessSpec.noindexOn(site.getSpec().getAccess())
                ? "add_header X-Robots-Tag \"noindex, nofollow\" always;"
                : "# indexable (spec.access)";
    }

    /**
     * The peers whose X-Forwarded-For and X-Forwarded-Proto the proxy believes: the cluster's private ranges (where
     * the Ingress controller's pods are) and loopback. A site's proxy Service is reachable only inside the cluster.
     */
    public static final List<String> TRUSTED_PEERS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "127.0.0.0/8", "fc00::/7", "::1/128");

    /** The basic-auth credentials end at the proxy: PHP never sees the Authorization header they came in. */
    static String authorization(WordPressSite site) {
        return AccessSpec.basicAuthOn(site.getSpec().getAccess())
                ? "proxy_set_header Authorization \"\";"
                : "# Authorization passes (no basic auth at the proxy)";
    }

    public static String render(WordPressSite site, StackLayout layout) {
        return render(site, layout, TRUSTED_PEERS);
    }

    /** @param trusted addresses or CIDRs of the Ingress controller, whose forwarded headers are believed */
    public static String render(WordPressSite site, StackLayout layout, List<String> trusted) {
        return render(site, layout, trusted, false);
    }

    /** How long browsers keep to HTTPS after a Strict-Transport-Security header: a year. */
    public static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    /**
     * Redirect to HTTPS and HSTS, when the site's certificate is issued: with TLS asked for but no certificate (no
     * cert-manager, an issuer that fails) the site stays reachable over HTTP. The ACME challenge path and /healthz are
     * never redirected, nor requests that did not come through the Ingress (pods of the cluster, probes).
     */
    static String httpsRedirect(boolean https) {
        return https ? "if ($wpoven_to_https) {\n                return 301 https://$host$request_uri;\n            }"
                : "# HTTP is served as HTTP (no certificate issued)";
    }

    static String hsts(boolean https) {
        return https ? "add_header Strict-Transport-Security $wpoven_hsts always;" : "# no HSTS (no certificate issued)";
    }

    /**
     * @param trusted addresses or CIDRs of the Ingress controller, whose forwarded headers are believed
     * @param https   the site's certificate is issued: HTTP through the Ingress redirects to HTTPS, HTTPS sends HSTS
     */
    public static String render(WordPressSite site, StackLayout layout, List<String> trusted, boolean https) {
        WebSpec web = site.getSpec().getWeb();
        boolean gzip = web.getGzip();
        return TEMPLATE.render(Map.ofEntries(
                entry("nginxStatus", NginxStatus.location(ExportersEnabled.holds(site))),
                entry("runDir", layout.runDir()),
                entry("bindAddress", layout.bindAddress()),
                entry("proxyPort", layout.proxyPort()),
                entry("varnishHost", layout.varnishHost()),
                entry("varnishPort", layout.varnishPort()),
                entry("serverNames", String.join(" ", site.getSpec().getDomains())),
                entry("clientMaxBodySize", NginxSizes.clientMaxBodySize(site)),
                entry("proxyTimeoutSeconds", web.getProxyTimeoutSeconds()),
                entry("gzip", gzip ? "on" : "off"),
                entry("siteAccess", siteAccess(site)),
                entry("realIpFrom", trusted.stream().map(t -> "    set_real_ip_from " + t + ";")
                        .collect(java.util.stream.Collectors.joining("\n", "", ""))),
                entry("trustedPeers", trusted.stream().map(t -> "        " + t + " 1;")
                        .collect(java.util.stream.Collectors.joining("\n"))),
                entry("upstreamHost", layout.publicPort() == 0 ? "$host" : "$host:" + layout.publicPort()),
                entry("authorization", authorization(site)),
                entry("pageHeaders", pageHeaders(site)),
                entry("httpsRedirect", httpsRedirect(https)),
                entry("hsts", hsts(https)),
                entry("hstsMaxAge", HSTS_MAX_AGE_SECONDS),
                entry("microCache", CacheSpec.microCacheOn(site.getSpec().getCache()) ? MICRO_CACHE_ZONE : "off"),
                entry("passCookies", VarnishVcl.PASS_COOKIES),
                // without gzip, Varnish must not compress either: it then serves everything uncompressed
                entry("upstreamAcceptEncoding", gzip ? "$http_accept_encoding" : "\"\"")));
    }
}
