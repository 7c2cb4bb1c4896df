package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * redis.conf of the object cache (templates/redis.conf): an LRU cache of {@code spec.objectCache.maxMemory}
 * without persistence. The password is not in the file (a ConfigMap) nor on Redis's command line (visible in
 * /proc to anyone on the node): the file includes {@link #authFile}, which {@link #authScript} writes at start
 * from the environment (the Secret's key) into the run directory.
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
                entry("maxMemory", site.getSpec().getObjectCache().getMaxMemory()),
                entry("authFile", authFile(layout))));
    }

    /** The environment variable {@link #authScript} reads the password from. */
    public static final String PASSWORD_ENV = "REDIS_PASSWORD";

    /** The file with {@code requirepass}, in the run directory (an in-memory volume in the pod). */
    public static String authFile(StackLayout layout) {
        return layout.runDir() + "/redis-auth.conf";
    }

    /**
     * A POSIX sh script writing {@link #authFile} from {@link #PASSWORD_ENV}, readable only by Redis's user. printf
     * is a shell builtin, so the password is in no process's arguments. The generated password is alphanumeric.
     */
    public static String authScript(StackLayout layout) {
        return "umask 077 && printf 'requirepass \"%s\"\\n' \"$" + PASSWORD_ENV + "\" > " + authFile(layout);
    }
}
