package io.wpoven.operator.config;

import java.util.Map;

/**
 * templates/wordpress-install.php: installs WordPress once, as wp-admin/install.php would, in the site's own
 * WordPress image (the install Job). The administrator's password comes from the site Secret through the
 * environment; the web installer itself is refused by the backend nginx. The same file serves every site.
 */
public final class WordPressInstaller {
    private static final String CONTENT = Template.load("wordpress-install.php").render(Map.of());
    /** templates/wordpress-runtime.php: the image check and the core's database upgrade (docs/wordpress-runtime.md). */
    private static final String RUNTIME = Template.load("wordpress-runtime.php").render(Map.of());

    private WordPressInstaller() {
    }

    public static String render() {
        return CONTENT;
    }

    public static String renderRuntime() {
        return RUNTIME;
    }
}
