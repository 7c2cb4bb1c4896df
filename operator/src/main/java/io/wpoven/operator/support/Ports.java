package io.wpoven.operator.support;

/** Ports inside the pods, all above 1024 so nothing needs root. Services expose the same numbers, except the proxy (80). */
public final class Ports {
    private Ports() {
    }

    public static final int PROXY = 8080;
    public static final int PROXY_SERVICE = 80;
    public static final int VARNISH = 6081;
    public static final int BACKEND = 8081;
    public static final int FPM = 9000;
    public static final int REDIS = 6379;
    public static final int MARIADB = 3306;
    /** sshd of the site's shell pod (spec.access.ssh), as its non-root user; the Service exposes the same number. */
    public static final int SSH = 2222;

    /** Exporter sidecars (spec.monitoring.exporters), each the exporter's customary port. */
    public static final int NGINX_EXPORTER = 9113;
    public static final int FPM_EXPORTER = 9253;
    public static final int VARNISH_EXPORTER = 9131;
    public static final int REDIS_EXPORTER = 9121;
    public static final int MYSQLD_EXPORTER = 9104;
}
