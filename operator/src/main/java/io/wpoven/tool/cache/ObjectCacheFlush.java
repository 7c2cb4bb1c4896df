package io.wpoven.tool.cache;

import java.time.Duration;
import java.time.Instant;

import io.wpoven.tool.Env;
import io.wpoven.tool.Log;
import io.wpoven.tool.ToolException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Empties the object cache (the site's own Redis) of the site whose data a command has just replaced: WordPress
 * would otherwise keep serving the options and posts it cached before, while it is still quiesced nobody fills it
 * again with the old data. {@code REDIS_HOST} (absent: the site has no object cache, nothing to do), {@code
 * REDIS_PORT}, {@code REDIS_PASSWORD}. Redis is tried for {@code REDIS_FLUSH_TIMEOUT} (default 60 s); a cache that
 * cannot be emptied fails the command, since the site would serve what was just replaced.
 */
public final class ObjectCacheFlush {
    private ObjectCacheFlush() {
    }

    public static void afterWrite(Env env) {
        var host = env.optional("REDIS_HOST");
        if (host.isEmpty()) {
            return;
        }
        HostAndPort address = new HostAndPort(host.get(), env.integer("REDIS_PORT", 6379));
        var config = DefaultJedisClientConfig.builder().password(env.secret("REDIS_PASSWORD")).timeoutMillis(5000)
                .build();
        Instant deadline = Instant.now().plus(env.duration("REDIS_FLUSH_TIMEOUT").orElse(Duration.ofSeconds(60)));
        while (true) {
            try (Jedis redis = new Jedis(address, config)) {
                redis.flushDB();
                Log.info("object cache on " + address + " emptied");
                return;
            } catch (JedisException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ToolException("the data was replaced, but the object cache on " + address
                            + " could not be emptied: " + e.getMessage());
                }
                Log.info("object cache on " + address + " not reachable yet (" + e.getMessage() + "), trying again");
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ToolException("interrupted while emptying the object cache");
                }
            }
        }
    }
}
