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
}
