package io.wpoven.operator.dashboard.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One reading of a site's exporters at one instant: per pod, its component and each metric's value (summed over the
 * pod's series of that name). Rates come from two readings of the same site, per pod, so that a pod which came or went
 * in between does not count as a burst or a drop.
 */
public record Sample(Instant at, Map<String, PodValues> pods) {
    /** The shortest interval a rate is computed over: two refreshes closer than this say nothing useful. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);

    public record PodValues(String component, Map<String, Double> values) {
    }

    /**
     * The per-second increase of a counter of that component's pods since the earlier sample: a pod's counter that went
     * down restarted, so its whole current value is the increase (as Prometheus's rate() reads a reset). Pods present
     * in only one of the samples are left out. Empty without an earlier sample, when the interval is too short, or when
     * no pod has the counter in both.
     */
    public static OptionalDouble rate(Sample earlier, Sample later, String component, String metric) {
        if (earlier == null || Duration.between(earlier.at(), later.at()).compareTo(MIN_INTERVAL) < 0) {
            return OptionalDouble.empty();
        }
        OptionalDouble increase = increase(earlier, later, component, metric);
        if (increase.isEmpty()) {
            return increase;
        }
        double seconds = Duration.between(earlier.at(), later.at()).toNanos() / 1e9;
        return OptionalDouble.of(increase.getAsDouble() / seconds);
    }

    /** The increase of a counter over the component's pods present in both samples (see rate). */
    static OptionalDouble increase(Sample earlier, Sample later, String component, String metric) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<String, PodValues> pod : later.pods().entrySet()) {
            PodValues before = earlier.pods().get(pod.getKey());
            Double now = pod.getValue().values().get(metric);
            if (!pod.getValue().component().equals(component) || before == null || now == null
                    || before.values().get(metric) == null) {
                continue;
            }
            double then = before.values().get(metric);
            sum += now >= then ? now - then : now;
            any = true;
        }
        return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** The sum of a gauge over the component's pods; empty when none has it. */
    public OptionalDouble gauge(String component, String metric) {
        double sum = 0;
        boolean any = false;
        for (PodValues pod : pods.values()) {
            Double v = pod.values().get(metric);
            if (pod.component().equals(component) && v != null) {
                sum += v;
                any = true;
            }
        }
        return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /**
     * The share of lookups that were hits between the two samples (hit and miss counters of the component); when no
     * lookup happened in between (or there is no earlier sample), the share since the counters started, flagged by
     * sinceStart. Empty when there were never any lookups.
     */
    public static java.util.Optional<Ratio> ratio(Sample earlier, Sample later, String component, String hits,
            String misses) {
        if (earlier != null) {
            OptionalDouble h = increase(earlier, later, component, hits);
            OptionalDouble m = increase(earlier, later, component, misses);
            if (h.isPresent() && m.isPresent() && h.getAsDouble() + m.getAsDouble() > 0) {
                return java.util.Optional.of(new Ratio(h.getAsDouble() / (h.getAsDouble() + m.getAsDouble()), false));
            }
        }
        OptionalDouble h = later.gauge(component, hits);
        OptionalDouble m = later.gauge(component, misses);
        if (h.isPresent() && m.isPresent() && h.getAsDouble() + m.getAsDouble() > 0) {
            return java.util.Optional.of(new Ratio(h.getAsDouble() / (h.getAsDouble() + m.getAsDouble()), true));
        }
        return java.util.Optional.empty();
    }

    public record Ratio(double value, boolean sinceStart) {
    }
}
