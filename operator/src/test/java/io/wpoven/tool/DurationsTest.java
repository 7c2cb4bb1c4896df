package io.wpoven.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesDaysHoursMinutes() {
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse(" 45s ")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void rejectsOtherForms() {
        for (String bad : new String[] {"", "30", "d", "1w", "-1d", "1.5h", "0d", "P30D", "30 d"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void badMaxAgeNamesTheVariable() {
        assertThatThrownBy(() -> new Env(Map.of("MAX_AGE", "forever")).duration("MAX_AGE"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("MAX_AGE:");
    }
}
