package io.wpoven.operator.procedure;

import java.time.Instant;

/**
 * Where a procedure keeps its place (the status of the object that asked for it) and how it tells what happens:
 * a procedure's conditions, Events and its final phase are written here, by the reconciler that owns the status.
 */
public interface Journal {
    /** The step the procedure is in; null before the first. */
    String step();

    /** When that step was entered; null if unknown (an older operator's status): the deadline counts from now. */
    Instant stepStarted();

    /** The procedure moves into that step (status: step and its start time; the step's condition False). */
    void entered(String step, Instant now);

    /** The step is not done yet (its condition False with the reason). */
    void waiting(String step, Check.Wait wait);

    /** The step is done (its condition from the check). */
    void done(String step, Check.Done done);

    /** The procedure failed at that step: the owner undoes what it must (resume the site) and records it. */
    void failed(String step, String reason, String message);

    /** The step failed and the procedure turns to its compensation step (entered next): not the end yet. */
    void compensating(String step, String reason, String message);

    /** Every step is done; {@code last} is the step that ended it (a compensation, when one ran). */
    void finished(String last);
}
