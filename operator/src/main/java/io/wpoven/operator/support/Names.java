package io.wpoven.operator.support;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Every name of an object the operator creates for a site, in one place. */
public final class Names {
    private Names() {
    }

    /** The database inside MariaDB that WordPress uses. */
    public static final String DATABASE = "wordpress";
    /** The MariaDB user WordPress connects as. */
    public static final String DATABASE_USER = "wordpress";

    private static String of(HasMetadata site, String suffix) {
        return site.getMetadata().getName() + "-" + suffix;
    }

    /** Generated credentials: database passwords, WordPress salts, Redis password, purge token. */
    public static String secret(HasMetadata site) {
        return of(site, "credentials");
    }

    /** All rendered configuration files of the site. */
    public static String config(HasMetadata site) {
        return of(site, "config");
    }

    /** Front Nginx reverse proxy: Deployment and Service. */
    public static String proxy(HasMetadata site) {
        return of(site, "proxy");
    }

    /** Varnish: Deployment, Service, NetworkPolicy. */
    public static String varnish(HasMetadata site) {
        return of(site, "varnish");
    }

    /** Nginx backend + PHP-FPM: Deployment, Service, HPA, PodDisruptionBudget. */
    public static String wordpress(HasMetadata site) {
        return of(site, "wordpress");
    }

    /** Redis object cache: Deployment, Service, NetworkPolicy. */
    public static String redis(HasMetadata site) {
        return of(site, "redis");
    }

    /** MariaDB: StatefulSet, headless Service, NetworkPolicy. */
    public static String mariadb(HasMetadata site) {
        return of(site, "mariadb");
    }

    /** The wp-content PersistentVolumeClaim. */
    public static String content(HasMetadata site) {
        return of(site, "content");
    }

    /** cert-manager Certificate and the Secret it writes. */
    public static String tls(HasMetadata site) {
        return of(site, "tls");
    }

    /** The Ingress carries the site's own name. */
    public static String ingress(HasMetadata site) {
        return site.getMetadata().getName();
    }

    /** The ServiceMonitor of the site's exporters carries the site's own name. */
    public static String serviceMonitor(HasMetadata site) {
        return site.getMetadata().getName();
    }
}
