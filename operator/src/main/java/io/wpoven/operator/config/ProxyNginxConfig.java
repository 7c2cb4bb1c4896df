package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
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
                // without gzip, Varnish must not compress either: it then serves everything uncompressed
                entry("upstreamAcceptEncoding", gzip ? "$http_accept_encoding" : "\"\"")));
    }
}
