package io.wpoven.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Template redis = Template.load("redis.conf");
    private final Map<String, Object> values = new HashMap<>(Map.of(
            "bindAddress", "127.0.0.1", "redisPort", 7000, "runDir", "/run", "maxMemory", "1mb", "authFile", "/run/auth.conf"));

    @Test
    void replacesEveryPlaceholder() {
        assertThat(redis.render(values)).contains("bind 127.0.0.1\n").contains("port 7000\n").doesNotContain("{{");
    }

    @Test
    void failsOnAPlaceholderWithoutValue() {
        values.remove("redisPort");
        assertThatThrownBy(() -> redis.render(values)).hasMessageContaining("{{redisPort}}");
    }

    @Test
    void failsOnAValueWithoutPlaceholder() {
        values.put("redisPrt", 7000);
        assertThatThrownBy(() -> redis.render(values)).hasMessageContaining("redisPrt");
    }

    @Test
    void failsOnAMissingTemplate() {
        assertThatThrownBy(() -> Template.load("nope.conf")).hasMessageContaining("templates/nope.conf");
    }

    @Test
    void insertsValuesLiterally() {
        values.put("runDir", "/a$1\\b");
        assertThat(redis.render(values)).contains("dir /a$1\\b\n");
    }
}
