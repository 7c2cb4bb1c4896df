package io.wpoven.operator.procedure;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of a procedure's table: its name (what status shows), when it applies at all (skipped otherwise), the
 * precondition that must hold before and while it acts, the action (idempotent: it is repeated on every pass
 * until the step is done, so "create the Job if it is not there"), the done-check, the deadline counted from
 * when the step was entered, what happens once it is done, and the step a failure of its done-check or its deadline
 * turns to (a compensation) instead of failing the whole procedure. A precondition that fails ends the procedure:
 * the step could not begin, so there is nothing to compensate.
 */
public record Step<C>(String name, Predicate<C> applies, Function<C, Check> precondition, Consumer<C> action,
        Function<C, Check> done, Function<C, Duration> deadline, Consumer<C> onDone, String onFailure) {

    public static <C> Step<C> named(String name) {
        return new Step<>(name, c -> true, c -> Check.MET, c -> {
        }, c -> Check.MET, c -> Duration.ofHours(1), c -> {
        }, null);
    }

    public Step<C> appliesWhen(Predicate<C> applies) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, onFailure);
    }

    public Step<C> requires(Function<C, Check> precondition) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, onFailure);
    }

    public Step<C> action(Consumer<C> action) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, onFailure);
    }

    public Step<C> doneWhen(Function<C, Check> done) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, onFailure);
    }

    public Step<C> deadline(Duration deadline) {
        return new Step<>(name, applies, precondition, action, done, c -> deadline, onDone, onFailure);
    }

    /** A deadline that depends on the procedure (a Job step: the Job's own timeout and some slack). */
    public Step<C> deadline(Function<C, Duration> deadline) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, onFailure);
    }

    public Step<C> then(Consumer<C> onDone) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, onFailure);
    }

    /** A failure of this step (or its deadline) goes on with that step, which is not in the normal order. */
    public Step<C> onFailureGoTo(String step) {
        return new Step<>(name, applies, precondition, action, done, deadline, onDone, step);
    }
}
