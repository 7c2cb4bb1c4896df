package io.wpoven.tool;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Human progress on stdout (the Job's log). Never given a secret. */
public final class Log {
    private Log() {
    }

    public static void info(String message) {
        System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
        System.out.flush();
    }
}
