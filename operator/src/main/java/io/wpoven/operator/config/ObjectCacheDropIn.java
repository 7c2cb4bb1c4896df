package io.wpoven.operator.config;

import java.util.Map;

/**
 * wp-content/object-cache.php (templates/object-cache.php): WordPress's object cache in Redis, with a built-in
 * RESP client because the official image has no phpredis. Its settings are the WP_REDIS_* constants that
 * {@link WordPressConfigExtra} defines, so the file is the same for every site.
 */
public final class ObjectCacheDropIn {
    private static final String CONTENT = Template.load("object-cache.php").render(Map.of());

    private ObjectCacheDropIn() {
    }

    public static String render() {
        return CONTENT;
    }
}
