package io.wpoven.tool;

/**
 * For tests only: {@code WPOVEN_TOOL_FAIL_AT=<step>} makes a restore, import, clone or push fail at that step (an
 * exception, as a lost connection would), {@code WPOVEN_TOOL_HALT_AT=<step>} stops the JVM there at once, exit 137,
 * no cleanup (as SIGKILL or a lost node would). Steps: {@code after-stage-files}, {@code after-load},
 * {@code after-table:<table>} (clone, push), {@code before-swap}, {@code after-journal}, {@code after-table-swap},
 * {@code files-out}, {@code files-in} (after the first entry moved), {@code after-files-swap}.
 */
public record FailureHook(String point, String halt) {
    public static final String ENV = "WPOVEN_TOOL_FAIL_AT";
    public static final String HALT_ENV = "WPOVEN_TOOL_HALT_AT";

    public FailureHook(String point) {
        this(point, null);
    }

    public static FailureHook fromEnv(Env env) {
        return new FailureHook(env.optional(ENV).orElse(null), env.optional(HALT_ENV).orElse(null));
    }

    public void at(String here) {
        if (here.equals(halt)) {
            Log.info("halting at " + here + " (" + HALT_ENV + ")");
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
        if (here.equals(point)) {
            throw new ToolException("failure injected at " + here + " (" + ENV + ")");
        }
    }
}
