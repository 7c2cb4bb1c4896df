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

    /** A Service name, a label value, a Job's name (its pods carry it in job-name): a DNS label. */
    public static final int DNS_LABEL_MAX = 63;
    /** A StatefulSet's name goes with "-" and a 10-character hash into its pods' controller-revision-hash label. */
    public static final int STATEFULSET_NAME_MAX = 52;

    /**
     * The longest site name (and so Staging name) the operator can use: every name above made from it must stay
     * within its limit. Derived from the names themselves, so a new or longer child name lowers it; the CRD schema
     * rejects a longer metadata.name at apply (CrdConventions).
     */
    public static final int SITE_NAME_MAX = siteNameBudget();

    /** A site's (and a Staging's) name: a DNS-1035 label, since Service names are made from it. */
    public static final String SITE_NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    private static int siteNameBudget() {
        HasMetadata probe = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        probe.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("").build());
        int budget = DNS_LABEL_MAX;
        for (String child : java.util.List.of(proxy(probe), varnish(probe), varnishPods(probe), wordpress(probe), redis(probe), mariadb(probe),
                installJob(probe), rotationJob(probe, ""), ingress(probe), serviceMonitor(probe), ssh(probe),
                sshHostKey(probe), CONTENT_VOLUME_PREFIX)) {
            budget = Math.min(budget, DNS_LABEL_MAX - child.length());
        }
        return Math.min(budget, STATEFULSET_NAME_MAX - mariadb(probe).length());
    }

    /** The wp-content volume of a tool pod: this prefix and the site's name. */
    public static final String CONTENT_VOLUME_PREFIX = "content-";

    public static String contentVolume(HasMetadata site) {
        return CONTENT_VOLUME_PREFIX + site.getMetadata().getName();
    }

    private static String of(HasMetadata site, String suffix) {
        return site.getMetadata().getName() + "-" + suffix;
    }

    /** Generated credentials: database passwords, WordPress salts, Redis password, purge token. */
    public static String secret(HasMetadata site) {
        return secret(site.getMetadata().getName());
    }

    /** The credentials Secret of the site of that name (same namespace). */
    public static String secret(String site) {
        return site + "-credentials";
    }

    /** All rendered configuration files of the site. */
    public static String config(HasMetadata site) {
        return of(site, "config");
    }

    /** Front Nginx reverse proxy: Deployment and Service. */
    public static String proxy(HasMetadata site) {
        return of(site, "proxy");
    }

    /** Varnish: Deployment, Service, NetworkPolicy, PodDisruptionBudget (from 2 replicas). */
    public static String varnish(HasMetadata site) {
        return of(site, "varnish");
    }

    /** Varnish's headless Service: its DNS name resolves to every ready Varnish pod, which a purge must each reach. */
    public static String varnishPods(HasMetadata site) {
        return of(site, "varnish-pods");
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

    /** The site's SSH and SFTP server (spec.access.ssh): Deployment, Service, NetworkPolicy. */
    public static String ssh(HasMetadata site) {
        return of(site, "ssh");
    }

    /** The SSH server's host key, made once (create-only) so clients see the same key across restarts. */
    public static String sshHostKey(HasMetadata site) {
        return of(site, "ssh-host-key");
    }

    /** The Job of one credential rotation: the request's hash keeps two requests apart. */
    public static String rotationJob(HasMetadata site, String request) {
        return site.getMetadata().getName() + "-rotate-" + hash(request).substring(0, 10);
    }

    /** The Job of one Git deploy (the site's n-th): the commit and the count keep two deploys apart. */
    public static String codeJob(HasMetadata site, String commit, long deployment) {
        return site.getMetadata().getName() + "-code-" + hash(commit + "/" + deployment).substring(0, 10);
    }

    /**
     * The CronJob that runs WordPress's due events (spec.wordpress.cron); its Jobs are <this>-<minutes since epoch>,
     * so it is cut to 52 as Kubernetes requires of a CronJob.
     */
    public static String cron(HasMetadata site) {
        return truncate(site.getMetadata().getName(), 47) + "-cron";
    }

    /** The Job that reads what a WordPress image runs and the database's schema version (request: the image and when its change began). */
    public static String wordpressCheckJob(HasMetadata site, String request) {
        return truncate(site.getMetadata().getName(), 40) + "-wp-check-" + hash(request).substring(0, 10);
    }

    /** The Job that upgrades the site's database to the core of that image. */
    public static String wordpressUpgradeJob(HasMetadata site, String request) {
        return truncate(site.getMetadata().getName(), 40) + "-wp-upgrade-" + hash(request).substring(0, 10);
    }

    /** The Backup taken before the site's database is upgraded to the core of that image. */
    public static String wordpressUpgradeBackup(HasMetadata site, String request) {
        return truncate(site.getMetadata().getName(), 40) + "-pre-upgrade-" + hash(request).substring(0, 10);
    }

    /** The Job that installs WordPress into the site's new database. */
    public static String installJob(HasMetadata site) {
        return of(site, "install");
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

    /** The HTTPRoute (spec.gateway) carries the site's own name, like its Ingress. */
    public static String httpRoute(HasMetadata site) {
        return site.getMetadata().getName();
    }

    /** User, password and htpasswd line of a site behind basic auth (spec.access.basicAuth). */
    public static String basicAuth(HasMetadata site) {
        return of(site, "basic-auth");
    }

    /** The Backup the operator keeps for a site's spec.backup. */
    public static String siteBackup(HasMetadata site) {
        return of(site, "backup");
    }

    /**
     * The CronJob of a site's malware scans (spec.security.malwareScan); its Jobs are <this>-<minutes since epoch>,
     * so it is cut to 52 as Kubernetes requires of a CronJob.
     */
    public static String malwareScan(HasMetadata site) {
        return truncate(site.getMetadata().getName(), 39) + "-malware-scan";
    }

    /**
     * The CronJob of a scheduled Backup. Its Jobs are named <cronjob>-<minutes since epoch>; the result must stay
     * a valid label value (63), so the CronJob name is cut to 52 as Kubernetes requires.
     */
    public static String backupCronJob(HasMetadata backup) {
        return truncate(backup.getMetadata().getName(), 52);
    }

    /** The Job of a one-off Backup: its name (and so its artifact's) carries the Backup's creation time. */
    public static String backupJob(HasMetadata backup) {
        String created = backup.getMetadata().getCreationTimestamp() == null ? "0"
                : backup.getMetadata().getCreationTimestamp().replaceAll("[^0-9]", "");
        return truncate(backup.getMetadata().getName(), 48) + "-" + created;
    }

    /** The Job that deletes a Backup's artifacts when the Backup goes with deletionPolicy Delete. */
    public static String backupCleanup(HasMetadata backup) {
        return truncate(backup.getMetadata().getName(), 52) + "-cleanup";
    }

    /** A Restore's Jobs: the safety backup of the target site and the restore itself. */
    public static String restoreSafetyJob(HasMetadata restore) {
        return truncate(restore.getMetadata().getName(), 52) + "-safety";
    }

    public static String restoreJob(HasMetadata restore) {
        return truncate(restore.getMetadata().getName(), 52) + "-restore";
    }

    /** The staging WordPressSite of a Staging carries the Staging's own name. */
    public static String stagingSite(HasMetadata staging) {
        return staging.getMetadata().getName();
    }

    /** The Job that first copies live into the staging site. */
    public static String stagingClone(HasMetadata staging) {
        return truncate(staging.getMetadata().getName(), 52) + "-clone";
    }

    /**
     * A push or pull request's objects: Job, checkpoint Backup, rollback Restore. kind is push or pull; request is
     * {@link #syncRequest}. The readable part is cut to fit, the hash of the whole request keeps names of two
     * requests apart (release-2026-11-28 and release-2026-11-29 share their first 16 characters).
     */
    public static String stagingSync(HasMetadata staging, String kind, String id, String request, String suffix) {
        String safeId = id.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        String base = truncate(staging.getMetadata().getName(), 24) + "-" + kind + "-"
                + safeId.substring(0, Math.min(12, safeId.length())).replaceAll("-+$", "") + "-" + request;
        return suffix.isEmpty() ? base : base + "-" + suffix;
    }

    /**
     * The identity of one push or pull: the Staging's uid, the kind, the id and the generation the request was
     * first seen at, so an id used again later is a new request with new objects. 10 hex digits, a valid label value.
     */
    public static String syncRequest(HasMetadata staging, String kind, String id, long generation) {
        return hash(staging.getMetadata().getUid() + "/" + kind + "/" + id + "/" + generation).substring(0, 10);
    }

    /** name cut to max characters; when cut, its last 9 are "-" and a hash of the whole name, so two cut names differ. */
    static String truncate(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        return name.substring(0, max - 9).replaceAll("[-.]+$", "") + "-" + hash(name).substring(0, 8);
    }

    private static String hash(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ServiceMonitor of the site's exporters carries the site's own name. */
    public static String serviceMonitor(HasMetadata site) {
        return site.getMetadata().getName();
    }
}
