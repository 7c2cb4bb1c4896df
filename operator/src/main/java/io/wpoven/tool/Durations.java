package io.wpoven.tool;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages as the API writes them: {@code 30d}, {@code 12h}, {@code 90m}, or combined like {@code 1d12h}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text.strip();
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 30d, 12h or 90m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero");
        }
        return total;
    }
}
