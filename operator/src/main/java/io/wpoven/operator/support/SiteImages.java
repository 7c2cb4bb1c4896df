package io.wpoven.operator.support;

import java.util.Optional;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;

/** The image of each component: the site's choice, else the operator-wide default. */
public final class SiteImages {
    private SiteImages() {
    }

    public static String wordpress(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getWordpress().getImage()).orElse(config.images().wordpress());
    }

    public static String nginx(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getWeb().getImage()).orElse(config.images().nginx());
    }

    public static String varnish(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getCache().getImage()).orElse(config.images().varnish());
    }

    public static String redis(WordPressSite site, OperatorConfig config) {
        return Optional.ofNullable(site.getSpec().getObjectCache().getImage()).orElse(config.images().redis());
    }

    public static String mariadb(WordPressSite site, OperatorConfig config) {
        WordPressSiteSpec spec = site.getSpec();
        return Optional.ofNullable(spec.getDatabase().getManaged().getImage()).orElse(config.images().mariadb());
    }
}
