package io.wpoven.operator.config;

import static java.util.Map.entry;

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

    public static String render(WordPressSite site, StackLayout layout) {
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
                entry("pageHeaders", pageHeaders(site)),
                entry("microCache", CacheSpec.microCacheOn(site.getSpec().getCache()) ? MICRO_CACHE_ZONE : "off"),
                entry("passCookies", VarnishVcl.PASS_COOKIES),
                // without gzip, Varnish must not compress either: it then serves everything uncompressed
                entry("upstreamAcceptEncoding", gzip ? "$http_accept_encoding" : "\"\"")));
    }
}
