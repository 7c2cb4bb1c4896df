package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * nginx.conf of the backend nginx in the WordPress pod (templates/backend-nginx.conf): WordPress permalinks, PHP
 * through PHP-FPM with a complete FastCGI environment, browser caching of static assets, dotfiles, wp-config.php
 * and PHP under uploads denied, {@code /healthz} for probes and {@code /fpm-ping} from inside the pod.
 */
public final class BackendNginxConfig {
    private static final Template TEMPLATE = Template.load("backend-nginx.conf");

    private BackendNginxConfig() {
    }

    public static String render(WordPressSite site, StackLayout layout) {
        return TEMPLATE.render(Map.ofEntries(
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
