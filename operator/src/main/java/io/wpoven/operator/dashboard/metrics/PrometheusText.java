package io.wpoven.operator.dashboard.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (version 0.0.4), enough for exporters' /metrics pages: comments
 * and blank lines are skipped, label values may hold escaped quotes, backslashes, newlines, commas and braces, values
 * may be NaN or ±Inf and be followed by a timestamp. The project's Prometheus libraries (simpleclient, micrometer)
 * write this format but do not read it.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** One sample line: metric name, labels, value. */
    public record Series(String name, Map<String, String> labels, double value) {
    }

    /** Every sample of the text; a line that cannot be read is skipped (an exporter's odd line spoils nothing else). */
    public static List<Series> parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                series.add(line(l));
            } catch (IllegalArgumentException e) {
                // skipped: see above
            }
        }
        return series;
    }

    /** The sum of every series of that metric name, whatever their labels; NaN values are left out. */
    public static double sum(List<Series> series, String name) {
        return series.stream().filter(s -> s.name().equals(name) && !Double.isNaN(s.value())).mapToDouble(Series::value)
                .sum();
    }

    public static boolean has(List<Series> series, String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }

    private static Series line(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) != '{' && !Character.isWhitespace(l.charAt(i))) {
            i++;
        }
        String name = l.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < l.length() && l.charAt(i) == '{') {
            i = labels(l, i + 1, labels);
        }
        String[] rest = l.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new Series(name, labels, value(rest[0]));
    }

    /** Reads name="value" pairs up to the closing brace; returns the index after it. */
    private static int labels(String l, int i, Map<String, String> labels) {
        while (true) {
            while (i < l.length() && (l.charAt(i) == ',' || Character.isWhitespace(l.charAt(i)))) {
                i++;
            }
            if (i >= l.length()) {
                throw new IllegalArgumentException("unclosed labels");
            }
            if (l.charAt(i) == '}') {
                return i + 1;
            }
            int eq = l.indexOf('=', i);
            if (eq < 0 || eq + 1 >= l.length() || l.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("bad label");
            }
            String key = l.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < l.length() && l.charAt(j) != '"'; j++) {
                char c = l.charAt(j);
                if (c == '\\' && j + 1 < l.length()) {
                    char next = l.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= l.length()) {
                throw new IllegalArgumentException("unclosed label value");
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }

    private static double value(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }
}
