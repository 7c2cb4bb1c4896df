package io.wpoven.operator.procedure;

/** What a precondition or a done-check found: go on, wait and look again, or stop the procedure. */
public sealed interface Check {
    /** Met (a precondition) or done (a step): {@code value} and {@code reason} go into the step's condition. */
    record Done(boolean value, String reason, String message) implements Check {
    }

    /** Not yet: look again in {@code seconds} (0: an event of a watched object brings it back). */
    record Wait(long seconds, String reason, String message) implements Check {
    }

    /** The step cannot succeed: the procedure fails (or turns to the step's compensation). */
    record Fail(String reason, String message) implements Check {
    }

    Check MET = new Done(true, "Met", "");

    static Check done(String message) {
        return new Done(true, "Succeeded", message);
    }

    static Check done(String reason, String message) {
        return new Done(true, reason, message);
    }

    static Check waiting(long seconds, String reason, String message) {
        return new Wait(seconds, reason, message);
    }

    static Check fail(String reason, String message) {
        return new Fail(reason, message);
    }
}
