package io.wpoven.operator.support;

import java.util.Optional;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;

/** The image of each component: the site's choice, else the operator-wide default (in the registry it names). */
public final class SiteImages {
    private SiteImages() {
    }

    /**
     * The site's image; else the image of its PHP version (spec.wordpress.phpVersion, {@link PhpVersions}); else the
     * default. A version the platform does not offer stops the site before anything is applied (SitePolicy).
     */
    public static String wordpress(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getWordpress().getImage())
                .or(() -> PhpVersions.image(site.getSpec().getWordpress().getPhpVersion(), config))
                .orElseGet(() -> ImageRegistry.of(config.images().wordpress(), config));
    }

    public static String nginx(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getWeb().getImage()).orElseGet(() -> ImageRegistry.of(config.images().nginx(), config));
    }

    public static String varnish(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getCache().getImage()).orElseGet(() -> ImageRegistry.of(config.images().varnish(), config));
    }

    public static String redis(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getObjectCache().getImage()).orElseGet(() -> ImageRegistry.of(config.images().redis(), config));
    }

    /** The SSH server's image: operator-wide only (a site cannot choose it), empty when the platform set none. */
    public static Optional<String> shell(OperatorConfig config) {
        return config.images().shell().filter(s -> !s.isBlank()).map(image -> ImageRegistry.of(image, config));
    }

    public static String mariadb(WordPressSite site, OperatorConfig config) {
        WordPressSiteSpec spec = site.getSpec();
        return Optional.ofNullable(spec.getDatabase().getManaged().getImage()).orElseGet(() -> ImageRegistry.of(config.images().mariadb(), config));
    }
}
