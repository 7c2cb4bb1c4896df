package io.wpoven.operator.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PHP versions the platform offers (spec.wordpress.phpVersion), each with its WordPress image: the default image
 * with its version (wpoven.images.wordpress, wpoven.images.wordpress-php-version) and the others
 * (wpoven.images.wordpress-php-images, VERSION=IMAGE). Operator settings, not the CRD: which versions exist is the
 * platform's choice, so an unknown version is refused by the operator (a condition and an Event naming the field).
 */
public final class PhpVersions {
    public static final String FIELD = "spec.wordpress.phpVersion";

    private PhpVersions() {
    }

    /** Version → image, the default first; images in the operator's registry like every default. */
    public static Map<String, String> offered(OperatorConfig config) {
        Map<String, String> offered = new LinkedHashMap<>();
        offered.put(config.images().wordpressPhpVersion(), ImageRegistry.of(config.images().wordpress(), config));
        for (String entry : config.images().wordpressPhpImages().orElse(java.util.List.of())) {
            int eq = entry.indexOf('=');
            if (eq > 0 && eq < entry.length() - 1) {
                offered.putIfAbsent(entry.substring(0, eq).trim(), ImageRegistry.of(entry.substring(eq + 1).trim(), config));
            }
        }
        return offered;
    }

    /** The image of that version; empty for no version (the default applies) or one not offered. */
    public static Optional<String> image(String version, OperatorConfig config) {
        return version == null ? Optional.empty() : Optional.ofNullable(offered(config).get(version));
    }

    /** Why the site's version cannot run here, naming the field and what is offered; empty when it can. */
    public static Optional<String> refusal(String version, String image, OperatorConfig config) {
        if (version == null || image != null || offered(config).containsKey(version)) {
            return Optional.empty();
        }
        return Optional.of(FIELD + ": PHP " + version + " is not offered by the platform (offered: "
                + String.join(", ", offered(config).keySet()) + "); nothing of this generation is applied");
    }
}
