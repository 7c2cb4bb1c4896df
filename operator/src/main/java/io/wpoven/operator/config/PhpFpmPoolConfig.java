package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.FpmSpec;

/**
 * The PHP-FPM pool {@code [www]} (templates/php-fpm-pool.conf): listens on the layout's FPM address, process
 * manager from {@code spec.wordpress.fpm}, status and ping pages, the environment kept for wp-config.php.
 * In the official image it is added after {@code zz-docker.conf} (whose {@code listen = 9000} it overrides).
 */
public final class PhpFpmPoolConfig {
    /** pm.status_path: the nginx backend's /fpm-status and the PHP-FPM exporter sidecar (FastCGI on loopback) read it. */
    public static final String STATUS_PATH = "/fpm-status";
    private static final Template POOL = Template.load("php-fpm-pool.conf");
    private static final Template GLOBAL = Template.load("php-fpm-global.conf");

    private PhpFpmPoolConfig() {
    }

    public static String render(WordPressSite site, StackLayout layout) {
        return POOL.render(Map.ofEntries(
                entry("fpmAddress", layout.fpmAddress()),
                entry("statusPath", STATUS_PATH),
                entry("processManager", processManager(site.getSpec().getWordpress().getFpm())),
                entry("requestTerminateTimeoutSeconds", RequestTimeouts.fpmTerminateSeconds(site))));
    }

    /** The {@code [global]} section, for a PHP-FPM outside the official image; put it before the pool. */
    public static String renderGlobal(StackLayout layout) {
        return GLOBAL.render(Map.of("runDir", layout.runDir()));
    }

    /** Only the settings the chosen mode reads, so the file shows what is in force. */
    private static String processManager(FpmSpec fpm) {
        String limits = "pm.max_children = " + fpm.getMaxChildren() + "\n"
                + "pm.max_requests = " + fpm.getMaxRequests();
        return switch (fpm.getPm()) {
            case STATIC -> "pm = static\n" + limits;
            case ONDEMAND -> "pm = ondemand\n" + limits + "\npm.process_idle_timeout = 10s";
            case DYNAMIC -> "pm = dynamic\n" + limits + "\n"
                    + "pm.start_servers = " + fpm.getStartServers() + "\n"
                    + "pm.min_spare_servers = " + fpm.getMinSpareServers() + "\n"
                    + "pm.max_spare_servers = " + fpm.getMaxSpareServers();
        };
    }
}
