package io.wpoven.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private static Retention.Candidate complete(String name, Duration age) {
        return new Retention.Candidate(name, true, NOW.minus(age));
    }

    private static Retention.Candidate incomplete(String name, Duration age) {
        return new Retention.Candidate(name, false, NOW.minus(age));
    }

    private final List<Retention.Candidate> daily = List.of(
            complete("d1", Duration.ofDays(1)), complete("d5", Duration.ofDays(5)), complete("d2", Duration.ofDays(2)),
            complete("d10", Duration.ofDays(10)), complete("d3", Duration.ofDays(3)));

    @Test
    void keepLastKeepsTheNewest() {
        assertThat(new Retention(Optional.of(2), Optional.empty()).select(daily, NOW)).containsExactly("d3", "d5", "d10");
    }

    @Test
    void maxAgeDeletesOlderOnes() {
        assertThat(new Retention(Optional.empty(), Optional.of(Duration.ofDays(4))).select(daily, NOW))
                .containsExactly("d5", "d10");
    }

    @Test
    void eitherRuleDeletes() {
        assertThat(new Retention(Optional.of(4), Optional.of(Duration.ofDays(4))).select(daily, NOW))
                .containsExactly("d5", "d10");
        assertThat(new Retention(Optional.of(1), Optional.of(Duration.ofDays(30))).select(daily, NOW))
                .containsExactly("d2", "d3", "d5", "d10");
    }

    @Test
    void theNewestCompleteArtifactIsNeverDeleted() {
        List<Retention.Candidate> old = List.of(complete("old", Duration.ofDays(100)), complete("older", Duration.ofDays(200)),
                incomplete("newer-but-incomplete", Duration.ofHours(2)));
        assertThat(new Retention(Optional.of(1), Optional.of(Duration.ofDays(1))).select(old, NOW))
                .containsExactly("older", "newer-but-incomplete");
    }

    @Test
    void incompleteArtifactsGoAfterAnHour() {
        List<Retention.Candidate> some = List.of(complete("ok", Duration.ofDays(1)),
                incomplete("running", Duration.ofMinutes(20)), incomplete("dead", Duration.ofMinutes(61)));
        assertThat(new Retention(Optional.of(10), Optional.empty()).select(some, NOW)).containsExactly("dead");
    }

    @Test
    void keepLastMustBePositive() {
        assertThatThrownBy(() -> new Retention(Optional.of(0), Optional.empty())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("KEEP_LAST");
    }
}
