package io.wpoven.tool.scan;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wpoven.tool.db.Sql;

/**
 * Read-only checks of a WordPress database (docs/malware-scan.md): script or iframe tags in published content and in
 * options, home/siteurl pointing away from the site's domains, administrators nobody allowed, and cron events whose
 * hook or arguments carry code.
 */
public final class DatabaseChecks {
    static final Pattern TAG = Pattern.compile("<\\s*(script|iframe)\\b", Pattern.CASE_INSENSITIVE);
    /** A cron hook is a PHP callback name: letters, digits and _-./: — anything else (spaces, parentheses) is code. */
    static final Pattern PLAIN_HOOK = Pattern.compile("^[A-Za-z0-9_\\-./:\\\\]+$");
    static final Pattern CODE = Pattern.compile(
            "\\b(eval|assert|base64_decode|gzinflate|str_rot13|shell_exec|passthru|system|create_function)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    /** A hook in WordPress's serialized cron array: a string key whose value's keys are md5 sums of the arguments. */
    static final Pattern CRON_HOOK = Pattern.compile("s:\\d+:\"([^\"]*)\";a:\\d+:\\{s:32:\"[0-9a-f]{32}\"");

    private final String prefix;
    private final Set<String> domains;
    private final Set<String> allowedAdmins;

    /**
     * @param domains       the site's domains: home and siteurl must be on one of them
     * @param allowedAdmins logins that may be administrators: the installer's and those the site owner lists
     */
    public DatabaseChecks(String prefix, Set<String> domains, Set<String> allowedAdmins) {
        this.prefix = prefix;
        this.domains = domains;
        this.allowedAdmins = allowedAdmins;
    }

    public List<Finding> check(Connection c) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        c.setReadOnly(true);
        posts(c, findings);
        options(c, findings);
        admins(c, findings);
        cron(c, findings);
        return findings;
    }

    private void posts(Connection c, List<Finding> findings) throws SQLException {
        // revisions and auto-drafts are not served; everything else (posts, pages, blocks, menus) may be
        String sql = "SELECT ID, post_content, post_title, post_excerpt FROM " + Sql.quote(prefix + "posts")
                + " WHERE post_type NOT IN ('revision') AND post_status NOT IN ('auto-draft', 'trash')"
                + " AND (post_content REGEXP '<[[:space:]]*(script|iframe)' OR post_title REGEXP '<[[:space:]]*(script|iframe)'"
                + " OR post_excerpt REGEXP '<[[:space:]]*(script|iframe)') ORDER BY ID";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                findings.add(new Finding(Finding.DB_INJECTED_SCRIPT, "db:" + prefix + "posts/" + rs.getLong(1),
                        "db:" + tagIn(rs.getString(2), rs.getString(3), rs.getString(4))));
            }
        }
    }

    private void options(Connection c, List<Finding> findings) throws SQLException {
        // transients cache what came from elsewhere (feeds), they are no site content
        String sql = "SELECT option_name, option_value FROM " + Sql.quote(prefix + "options")
                + " WHERE option_name NOT LIKE '\\_transient\\_%' AND option_name NOT LIKE '\\_site\\_transient\\_%'"
                + " AND option_value REGEXP '<[[:space:]]*(script|iframe)' ORDER BY option_name";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                findings.add(new Finding(Finding.DB_INJECTED_SCRIPT, "db:" + prefix + "options/" + rs.getString(1),
                        "db:" + tagIn(rs.getString(2))));
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT option_name, option_value FROM " + Sql.quote(prefix + "options")
                + " WHERE option_name IN ('home', 'siteurl') ORDER BY option_name"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String host = host(rs.getString(2));
                if (host == null || !domains.contains(host)) {
                    findings.add(new Finding(Finding.DB_FOREIGN_URL, "db:" + prefix + "options/" + rs.getString(1),
                            "db:host " + host + " is not one of the site's domains"));
                }
            }
        }
    }

    private void admins(Connection c, List<Finding> findings) throws SQLException {
        String sql = "SELECT u.user_login FROM " + Sql.quote(prefix + "users") + " u JOIN " + Sql.quote(prefix + "usermeta")
                + " m ON m.user_id = u.ID WHERE m.meta_key = ? AND m.meta_value LIKE '%\"administrator\"%' ORDER BY u.ID";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, prefix + "capabilities");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!allowedAdmins.contains(rs.getString(1))) {
                        findings.add(new Finding(Finding.DB_ROGUE_ADMIN, "db:" + prefix + "users/" + rs.getString(1),
                                "db:administrator not allowed"));
                    }
                }
            }
        }
    }

    private void cron(Connection c, List<Finding> findings) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT option_value FROM " + Sql.quote(prefix + "options")
                + " WHERE option_name = 'cron'"); ResultSet rs = s.executeQuery()) {
            if (!rs.next() || rs.getString(1) == null) {
                return;
            }
            String cron = rs.getString(1);
            Set<String> reported = new java.util.TreeSet<>();
            Matcher m = CRON_HOOK.matcher(cron);
            while (m.find()) {
                String hook = m.group(1);
                if ((!PLAIN_HOOK.matcher(hook).matches() || CODE.matcher(hook).find()) && reported.add(hook)) {
                    findings.add(new Finding(Finding.DB_SUSPICIOUS_CRON, "db:" + prefix + "options/cron",
                            "db:hook " + shorten(hook)));
                }
            }
            if (reported.isEmpty() && CODE.matcher(cron).find()) {
                findings.add(new Finding(Finding.DB_SUSPICIOUS_CRON, "db:" + prefix + "options/cron", "db:code in arguments"));
            }
        }
    }

    static String host(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String tagIn(String... values) {
        for (String v : values) {
            if (v != null) {
                Matcher m = TAG.matcher(v);
                if (m.find()) {
                    return "<" + m.group(1).toLowerCase(Locale.ROOT) + "> tag";
                }
            }
        }
        return "tag";
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
