package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** Redis really starting from this file is tested with the drop-in, in {@link ObjectCacheDropInTest}. */
class RedisConfigTest {

    private final WordPressSite site = site("blog", "blog.example.com");

    @Test
    void isAnLruCacheOfTheSpecsSizeWithoutPersistence() {
        site.getSpec().getObjectCache().setMaxMemory("256mb");
        assertThat(RedisConfig.render(site, StackLayout.inCluster(site)))
                .contains("maxmemory 256mb\n")
                .contains("maxmemory-policy allkeys-lru\n")
                .contains("save \"\"\n")
                .contains("appendonly no\n");
    }

    @Test
    void runsInTheForegroundWithoutRootAndWithoutThePassword() {
        assertThat(RedisConfig.render(site, StackLayout.inCluster(site)))
                .contains("bind 0.0.0.0\n")
                .contains("port 6379\n")
                .contains("protected-mode no\n")
                .contains("daemonize no\n")
                .contains("logfile \"\"\n")
                .contains("dir /tmp\n")
                .doesNotContainPattern("(?m)^requirepass")
                .doesNotContain("{{");
    }
}
