package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.CronSpec;

/**
 * PHP for the official image's {@code WORDPRESS_CONFIG_EXTRA} (templates/wp-config-extra*.php): home and site URL
 * on the primary domain, HTTPS behind the proxy, the Varnish that {@link PurgeMuPlugin} purges, the object cache's
 * Redis. Holds no secret: the Redis password is
 * read at run time from {@value #REDIS_PASSWORD_ENV}.
 */
public final class WordPressConfigExtra {
    public static final String REDIS_PASSWORD_ENV = "WPOVEN_REDIS_PASSWORD";

    /** With spec.wordpress.cron on, the site's CronJob runs due events: page views never do. */
    static final String CRON_OFF_PAGE_VIEWS = "\n// due events run from the site's CronJob (spec.wordpress.cron), never on page views\n"
            + "define('DISABLE_WP_CRON', true);\n";

    private static final Template TEMPLATE = Template.load("wp-config-extra.php");
    private static final Template REDIS = Template.load("wp-config-extra-redis.php");

    private WordPressConfigExtra() {
    }

    public static String render(WordPressSite site, StackLayout layout) {
        WordPressSiteSpec spec = site.getSpec();
        String salt = cacheKeySalt(site);
        String objectCache = !spec.getObjectCache().getEnabled() ? "" : REDIS.render(Map.of(
                "redisHost", php(layout.redisHost()),
                "redisPort", layout.redisPort(),
                "cacheKeySalt", php(salt),
                "passwordEnv", REDIS_PASSWORD_ENV));
        return TEMPLATE.render(Map.ofEntries(
                entry("homeUrl", php(homeUrl(site, layout))),
                entry("memoryLimit", php(spec.getWordpress().getPhp().getMemoryLimit())),
                entry("cacheKeySalt", php(salt)),
                entry("varnishHost", php(layout.varnishPodsHost())),
                entry("varnishPort", layout.varnishPort()),
                entry("objectCache", objectCache),
                entry("cron", CronSpec.enabled(spec.getWordpress().getCron()) ? CRON_OFF_PAGE_VIEWS : "")));
    }

    /** The primary domain, https when TLS is on, with the layout's public port when it is not the default. */
    public static String homeUrl(WordPressSite site, StackLayout layout) {
        boolean https = site.getSpec().getTls().getEnabled();
        int defaultPort = https ? 443 : 80;
        int port = layout.publicPort();
        return (https ? "https://" : "http://") + site.getSpec().getDomains().get(0)
                + (port == 0 || port == defaultPort ? "" : ":" + port);
    }

    /** Keeps this site's keys apart from any other in the same Redis; stable, so a restart keeps the cache. */
    static String cacheKeySalt(WordPressSite site) {
        String namespace = site.getMetadata().getNamespace();
        return (namespace == null ? "" : namespace + ":") + site.getMetadata().getName() + ":";
    }

    /** The inside of a single-quoted PHP string. */
    private static String php(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }
}
