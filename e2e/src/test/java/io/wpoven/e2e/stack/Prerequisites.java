package io.wpoven.e2e.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wpoven.operator.config.Waf;

/** The Debian packages the stack needs (resources stack/debian-packages.txt): a clear failure when one is missing. */
final class Prerequisites {
    private Prerequisites() {
    }

    /** What must exist, and the package that brings it. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("/usr/sbin/nginx", "nginx-light"),
            Map.entry("/usr/sbin/varnishd", "varnish"),
            Map.entry("/usr/sbin/php-fpm8.2", "php8.2-fpm"),
            Map.entry("/usr/bin/php8.2", "php8.2-cli"),
            Map.entry("/etc/php/8.2/mods-available/mysqli.ini", "php8.2-mysql"),
            Map.entry("/etc/php/8.2/mods-available/dom.ini", "php8.2-xml"),
            Map.entry("/etc/php/8.2/mods-available/mbstring.ini", "php8.2-mbstring"),
            Map.entry("/usr/sbin/mariadbd", "mariadb-server"),
            Map.entry("/usr/bin/mariadb-install-db", "mariadb-server"),
            Map.entry("/usr/bin/redis-server", "redis-server"),
            Map.entry("/usr/share/wordpress/wp-load.php", "wordpress"),
            Map.entry("/usr/share/wordpress/wp-content/themes/twentytwentythree/style.css", "wordpress-theme-twentytwentythree"));
    private static final Map<String, String> WAF_FILES = Map.of(
            Waf.DEBIAN_MODULE, "libnginx-mod-http-modsecurity",
            Waf.DEBIAN_CRS_RULES + "/REQUEST-942-APPLICATION-ATTACK-SQLI.conf", "modsecurity-crs");

    static void check(boolean waf) {
        List<String> missing = new ArrayList<>();
        FILES.forEach((file, pkg) -> {
            if (!Files.exists(Path.of(file))) {
                missing.add(pkg + " (" + file + ")");
            }
        });
        if (waf) {
            WAF_FILES.forEach((file, pkg) -> {
                if (!Files.exists(Path.of(file))) {
                    missing.add(pkg + " (" + file + ")");
                }
            });
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The stack test needs Debian packages that are not installed: " + missing
                    + "\nInstall them all with: apt-get install -y " + String.join(" ", packages()));
        }
    }

    static List<String> packages() {
        try (InputStream in = Prerequisites.class.getResourceAsStream("/stack/debian-packages.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
