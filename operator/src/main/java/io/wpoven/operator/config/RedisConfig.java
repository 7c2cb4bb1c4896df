package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * redis.conf of the object cache (templates/redis.conf): an LRU cache of {@code spec.objectCache.maxMemory}
 * without persistence. The password is not in the file; Redis gets it as {@code --requirepass}.
 */
public final class RedisConfig {
    private static final Template TEMPLATE = Template.load("redis.conf");

    private RedisConfig() {
    }

    public static String render(WordPressSite site, StackLayout layout) {
        return TEMPLATE.render(Map.ofEntries(
                entry("bindAddress", layout.bindAddress()),
                entry("redisPort", layout.redisPort()),
                entry("runDir", layout.runDir()),
                entry("maxMemory", site.getSpec().getObjectCache().getMaxMemory())));
    }
}
