package io.wpoven.tool;

/**
 * For tests only: {@code WPOVEN_TOOL_FAIL_AT=before-swap} or {@code after-table:<table>} makes a restore, clone or
 * push fail at that point, as a lost connection or a killed pod would, to prove the target is left as it was.
 */
public record FailureHook(String point) {
    public static final String ENV = "WPOVEN_TOOL_FAIL_AT";

    public static FailureHook fromEnv(Env env) {
        return new FailureHook(env.optional(ENV).orElse(null));
    }

    public void at(String here) {
        if (here.equals(point)) {
            throw new ToolException("failure injected at " + here + " (" + ENV + ")");
        }
    }
}
