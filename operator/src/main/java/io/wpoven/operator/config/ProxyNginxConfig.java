package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.site.condition.ExportersEnabled;
import io.wpoven.operator.api.v1alpha1.spec.WebSpec;

/**
 * nginx.conf of the front reverse proxy (templates/proxy-nginx.conf): the site's domains go to Varnish with the
 * visitor's address and scheme; PURGE, BAN and unusual methods get 405; other hosts get 421; {@code /healthz}
 * answers for any host.
 */
public final class ProxyNginxConfig {
    private static final Template TEMPLATE = Template.load("proxy-nginx.conf");

    private ProxyNginxConfig() {
    }

    /** Where the proxy pod mounts the htpasswd file of a site with basic auth. */
    public static final String HTPASSWD_DIR = "/etc/wpoven-auth";
    public static final String HTPASSWD_FILE = "htpasswd";

    /** Server-level lines for spec.access: basic auth (never for /healthz, which has its own "auth_basic off") and noindex. */
    static String siteAccess(WordPressSite site) {
        StringBuilder lines = new StringBuilder();
        if (AccessSpec.basicAuthOn(site.getSpec().getAccess())) {
            lines.append("auth_basic \"").append(site.getSpec().getDomains().get(0)).append("\";\n        ")
                    .append("auth_basic_user_file ").append(HTPASSWD_DIR).append('/').append(HTPASSWD_FILE).append(";\n        ");
        }
        if (AccessSpec.noindexOn(site.getSpec().getAccess())) {
            lines.append("add_header X-Robots-Tag \"noindex, nofollow\" always;\n        ");
        }
        return lines.length() == 0 ? "# open to everyone, indexable (spec.access)" : lines.toString().strip();
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
                // without gzip, Varnish must not compress either: it then serves everything uncompressed
                entry("upstreamAcceptEncoding", gzip ? "$http_accept_encoding" : "\"\"")));
    }
}
