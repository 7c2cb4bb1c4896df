package io.wpoven.tool.scan;

/**
 * One thing the scan found: its class (what the operator counts and alerts on), where (a path relative to the web
 * root such as {@code wp-content/uploads/x.php}, or {@code db:<table>/<row>}) and which rule or check said so.
 */
public record Finding(String kind, String where, String rule) {
    public static final String WEBSHELL = "webshell";
    public static final String OBFUSCATED_PHP = "obfuscated-php";
    public static final String INJECTED_JS = "injected-js";
    public static final String PHP_IN_UPLOADS = "php-in-uploads";
    public static final String CORE_MODIFIED = "core-modified";
    public static final String CORE_UNKNOWN = "core-unknown";
    public static final String CORE_MISSING = "core-missing";
    public static final String CLAMAV = "clamav";
    public static final String DB_INJECTED_SCRIPT = "db-injected-script";
    public static final String DB_FOREIGN_URL = "db-foreign-url";
    public static final String DB_ROGUE_ADMIN = "db-rogue-admin";
    public static final String DB_SUSPICIOUS_CRON = "db-suspicious-cron";

    /** A file finding: these are the ones Quarantine acts on. */
    public boolean isFile() {
        return !where.startsWith("db:");
    }
}
