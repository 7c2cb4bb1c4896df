package io.wpoven.operator.procedure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-step procedure (restore, push, pull) as a table of {@link Step}s driven by one small engine. A pass
 * ({@link #advance}) runs from the step the journal names: skips steps that do not apply, fails a step whose
 * deadline passed, checks the precondition, asks the done-check and, when the step is not done, runs its action
 * and says when to look again; a done step leads straight into the next one in the same pass. Every decision is
 * read from the cluster and the journal, nothing from memory, so an operator killed at any point continues where
 * the status says on its next pass (actions are idempotent).
 */
public final class Procedure<C> {
    private final String name;
    private final List<Step<C>> steps;
    private final Map<String, Step<C>> all = new LinkedHashMap<>();

    /** The normal order, then compensation steps (reached only through {@link Step#onFailure}). */
    @SafeVarargs
    public Procedure(String name, List<Step<C>> steps, Step<C>... compensations) {
        this.name = name;
        this.steps = List.copyOf(steps);
        steps.forEach(s -> all.put(s.name(), s));
        for (Step<C> s : compensations) {
            all.put(s.name(), s);
        }
    }

    public List<String> stepNames() {
        return List.copyOf(all.keySet());
    }

    /** One pass; returns the seconds until the next look (0: when a watched object changes, or never: ended). */
    public long advance(C context, Journal journal, Clock clock) {
        String current = journal.step();
        if (current == null) {
            current = firstApplying(context, 0);
            if (current == null) {
                journal.finished(null);
                return 0;
            }
            journal.entered(current, clock.instant());
        }
        for (int guard = 0; guard < all.size() + 1; guard++) {
            Step<C> step = all.get(current);
            if (step == null) {
                journal.failed(current, "UnknownStep", name + " was at step " + current + ", which this operator does not know");
                return 0;
            }
            Check pre = step.precondition().apply(context);
            Check check = pre instanceof Check.Done ? step.done().apply(context) : pre;
            if (check instanceof Check.Done done) {
                journal.done(current, done);
                step.onDone().accept(context);
                String next = next(context, current);
                if (next == null) {
                    journal.finished(current);
                    return 0;
                }
                current = next;
                journal.entered(current, clock.instant());
                continue;
            }
            if (pre instanceof Check.Fail fail) {
                journal.failed(current, fail.reason(), fail.message()); // the step could not begin: no compensation
                return 0;
            }
            if (check instanceof Check.Fail fail) {
                return fail(context, journal, clock, step, fail.reason(), fail.message());
            }
            Check.Wait wait = (Check.Wait) check;
            Instant started = journal.stepStarted() == null ? clock.instant() : journal.stepStarted();
            Duration deadline = step.deadline().apply(context);
            if (Duration.between(started, clock.instant()).compareTo(deadline) > 0) {
                return fail(context, journal, clock, step, current + "Timeout", current + " did not finish within "
                        + seconds(deadline) + " (" + wait.message() + ")");
            }
            if (pre instanceof Check.Done) {
                step.action().accept(context);
            }
            journal.waiting(current, wait);
            return wait.seconds();
        }
        throw new IllegalStateException(name + ": more steps in one pass than the table has");
    }

    private long fail(C context, Journal journal, Clock clock, Step<C> step, String reason, String message) {
        if (step.onFailure() != null && !step.onFailure().equals(step.name())) {
            journal.compensating(step.name(), reason, message);
            journal.entered(step.onFailure(), clock.instant());
            return 1;
        }
        journal.failed(step.name(), reason, message);
        return 0;
    }

    /** The step after {@code current} in the normal order that applies; null after the last (or a compensation). */
    private String next(C context, String current) {
        int at = indexOf(current);
        return at < 0 ? null : firstApplying(context, at + 1);
    }

    private String firstApplying(C context, int from) {
        for (int i = from; i < steps.size(); i++) {
            if (steps.get(i).applies().test(context)) {
                return steps.get(i).name();
            }
        }
        return null;
    }

    private int indexOf(String step) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(step)) {
                return i;
            }
        }
        return -1;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
