package io.wpoven.operator.config;

import java.util.Objects;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * Where the parts of one site's stack listen and find each other, and the paths they use. Every address, port
 * and path in a rendered config comes from here, so the same renderers serve the cluster ({@link #inCluster})
 * and the stack test, which runs the real daemons on loopback.
 *
 * @param proxyPort   the front nginx listens here
 * @param varnishHost proxy → Varnish
 * @param backendHost Varnish → the nginx backend of the WordPress pods
 * @param fpmAddress  nginx backend → PHP-FPM, {@code host:port}; PHP-FPM listens on it
 * @param redisHost   WordPress → Redis
 * @param dbHost      WordPress → MariaDB (or the external database)
 * @param bindAddress the address every server listens on: all interfaces in a pod, 127.0.0.1 in the stack test
 * @param publicPort  the port visitors use, for WordPress's home URL; 0 means the scheme's default (behind the Ingress)
 * @param docroot     WordPress's document root, shared by the nginx backend and PHP-FPM
 * @param runDir      a writable directory for pid, temp, session and cache files (containers run non-root)
 * @param varnishPodsHost WordPress's purge → every Varnish: a name that resolves to each one's address (the headless
 *                    Service in the cluster)
 */
public record StackLayout(
        int proxyPort,
        String varnishHost, int varnishPort,
        String backendHost, int backendPort,
        String fpmAddress,
        String redisHost, int redisPort,
        String dbHost, int dbPort,
        String bindAddress,
        int publicPort,
        String docroot,
        String runDir,
        String varnishPodsHost) {

    public static final String IN_CLUSTER_BIND_ADDRESS = "0.0.0.0";
    public static final String IN_CLUSTER_DOCROOT = "/var/www/html";
    public static final String IN_CLUSTER_RUN_DIR = "/tmp";

    public StackLayout {
        Objects.requireNonNull(varnishHost, "varnishHost");
        Objects.requireNonNull(varnishPodsHost, "varnishPodsHost");
        Objects.requireNonNull(backendHost, "backendHost");
        Objects.requireNonNull(fpmAddress, "fpmAddress");
        Objects.requireNonNull(redisHost, "redisHost");
        Objects.requireNonNull(dbHost, "dbHost");
        Objects.requireNonNull(bindAddress, "bindAddress");
        requirePort("proxyPort", proxyPort);
        requirePort("varnishPort", varnishPort);
        requirePort("backendPort", backendPort);
        requirePort("redisPort", redisPort);
        requirePort("dbPort", dbPort);
        if (publicPort != 0) {
            requirePort("publicPort", publicPort);
        }
        requireAbsolute("docroot", docroot);
        requireAbsolute("runDir", runDir);
    }

    /** One Varnish: WordPress's purge reaches it where the proxy does. */
    public StackLayout(int proxyPort, String varnishHost, int varnishPort, String backendHost, int backendPort,
            String fpmAddress, String redisHost, int redisPort, String dbHost, int dbPort, String bindAddress,
            int publicPort, String docroot, String runDir) {
        this(proxyPort, varnishHost, varnishPort, backendHost, backendPort, fpmAddress, redisHost, redisPort, dbHost,
                dbPort, bindAddress, publicPort, docroot, runDir, varnishHost);
    }

    /** The layout inside Kubernetes: Services by name, the ports of {@link Ports}, the official images' paths. */
    public static StackLayout inCluster(WordPressSite site) {
        ExternalDatabaseSpec external = site.getSpec().getDatabase().getExternal();
        String dbHost = external != null ? external.getHost() : Names.mariadb(site);
        int dbPort = external != null ? external.getPort() : Ports.MARIADB;
        return new StackLayout(
                Ports.PROXY,
                Names.varnish(site), Ports.VARNISH,
                Names.wordpress(site), Ports.BACKEND,
                // PHP-FPM sits in the same pod as the nginx backend: loopback only
                "127.0.0.1:" + Ports.FPM,
                Names.redis(site), Ports.REDIS,
                dbHost, dbPort,
                IN_CLUSTER_BIND_ADDRESS,
                0,
                IN_CLUSTER_DOCROOT,
                IN_CLUSTER_RUN_DIR,
                Names.varnishPods(site));
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " is not a port: " + port);
        }
    }

    private static void requireAbsolute(String name, String path) {
        Objects.requireNonNull(path, name);
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException(name + " must be an absolute path without a trailing slash: " + path);
        }
    }
}
