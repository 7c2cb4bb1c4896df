package io.wpoven.operator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * The one place that builds status conditions. Each condition carries the generation it describes;
 * lastTransitionTime only moves when a condition's status flips, so an unchanged site produces an
 * identical status and no write.
 */
public final class ConditionsBuilder {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private final List<Condition> previous;
    private final long generation;
    private final Clock clock;
    private final List<Condition> conditions = new ArrayList<>();

    public ConditionsBuilder(List<Condition> previous, long generation, Clock clock) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.clock = clock;
    }

    public ConditionsBuilder add(String type, boolean status, String reason, String message) {
        return add(type, status ? TRUE : FALSE, reason, message);
    }

    public ConditionsBuilder add(String type, String status, String reason, String message) {
        String lastTransition = previous.stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        conditions.add(new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(lastTransition)
                .build());
        return this;
    }

    public List<Condition> build() {
        return List.copyOf(conditions);
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return conditions != null && conditions.stream().anyMatch(c -> type.equals(c.getType()) && TRUE.equals(c.getStatus()));
    }

    public static boolean isFalse(List<Condition> conditions, String type) {
        return conditions != null && conditions.stream().anyMatch(c -> type.equals(c.getType()) && FALSE.equals(c.getStatus()));
    }

    /**
     * current with the condition of this type set (replaced, or added at the end), its lastTransitionTime kept from
     * previous when the status did not flip: for status that is built step by step (Restore, Staging).
     */
    public static List<Condition> replace(List<Condition> current, List<Condition> previous, long generation, Clock clock,
            String type, boolean status, String reason, String message) {
        Condition built = new ConditionsBuilder(previous, generation, clock).add(type, status, reason, message).build().get(0);
        List<Condition> conditions = new ArrayList<>(current);
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(built);
        return conditions;
    }
}
