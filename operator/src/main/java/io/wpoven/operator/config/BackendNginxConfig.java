package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.condition.ExportersEnabled;

/**
 * nginx.conf of the backend nginx in the WordPress pod (templates/backend-nginx.conf): WordPress permalinks, PHP
 * through PHP-FPM with a complete FastCGI environment, browser caching of static assets, dotfiles, wp-config.php
 * and PHP under uploads denied, {@code /healthz} for probes and {@code /fpm-ping} from inside the pod; optionally a
 * web application firewall ({@link Waf}).
 */
public final class BackendNginxConfig {
    private static final Template TEMPLATE = Template.load("backend-nginx.conf");

    private BackendNginxConfig() {
    }

    /** Without a web application firewall. */
    public static String render(WordPressSite site, StackLayout layout) {
        return render(site, layout, null);
    }

    /**
     * With ModSecurity and the OWASP Core Rule Set when {@code waf} is given (its rules file rendered by
     * {@link ModSecurityConfig}). Behind Varnish, only cache misses and passed requests reach it.
     */
    public static String render(WordPressSite site, StackLayout layout, Waf waf) {
        return TEMPLATE.render(Map.ofEntries(
                entry("loadWafModule", waf == null ? "" : "load_module " + waf.modulePath() + ";\n"),
                entry("waf", waf == null ? "" : """

                                # Web application firewall: ModSecurity with the OWASP Core Rule Set.
                                modsecurity on;
                                modsecurity_rules_file %s;
                        """.formatted(waf.rulesFile())),
                entry("nginxStatus", NginxStatus.location(ExportersEnabled.holds(site))),
                entry("runDir", layout.runDir()),
                entry("bindAddress", layout.bindAddress()),
                entry("backendPort", layout.backendPort()),
                entry("docroot", layout.docroot()),
                entry("fpmAddress", layout.fpmAddress()),
                entry("clientMaxBodySize", NginxSizes.clientMaxBodySize(site)),
                entry("fastcgiReadTimeoutSeconds", RequestTimeouts.backendReadSeconds(site)),
                entry("staticMaxAgeSeconds", site.getSpec().getWeb().getStaticMaxAgeSeconds())));
    }
}
