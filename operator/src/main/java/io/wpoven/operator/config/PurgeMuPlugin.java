package io.wpoven.operator.config;

import java.util.Map;

/**
 * wp-content/mu-plugins/wpoven-purge.php (templates/wpoven-purge.php): WordPress clears the site's pages from
 * Varnish when content visitors see changes (a post published, updated or unpublished, an approved comment, the
 * theme, menus, widgets). It sends one {@code BAN} with {@code X-Ban-Url: .} per request to the Varnish named by the
 * constants {@code WPOVEN_VARNISH_HOST} and {@code WPOVEN_VARNISH_PORT} ({@link WordPressConfigExtra}), with the token
 * from the environment variable {@value VarnishVcl#PURGE_TOKEN_ENV}. The same file serves every site.
 */
public final class PurgeMuPlugin {
    /** Where WordPress loads it from, relative to the document root. */
    public static final String PATH = "wp-content/mu-plugins/wpoven-purge.php";

    private static final String CONTENT = Template.load("wpoven-purge.php").render(Map.of());

    private PurgeMuPlugin() {
    }

    public static String render() {
        return CONTENT;
    }
}
