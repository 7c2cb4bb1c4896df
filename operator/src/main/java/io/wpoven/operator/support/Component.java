package io.wpoven.operator.support;

/** The parts of a site's stack; each is the app.kubernetes.io/component label of its objects. */
public enum Component {
    CREDENTIALS("credentials"),
    CONFIG("config"),
    PROXY("proxy"),
    VARNISH("varnish"),
    WORDPRESS("wordpress"),
    REDIS("redis"),
    DATABASE("mariadb"),
    STORAGE("storage"),
    TLS("tls"),
    BACKUP("backup"),
    /** The one-shot Job that installs WordPress into a new database (the site's WordPress image). */
    INSTALLER("installer"),
    /** The CronJob that runs WordPress's due events (wp-cron) with PHP CLI in the site's WordPress image. */
    CRON("cron"),
    /** Jobs of the operator's tool: backups, restores, staging copies. */
    TOOL("tool"),
    /** The site's SSH and SFTP server (spec.access.ssh). */
    SHELL("ssh"),
    MONITORING("monitoring");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
