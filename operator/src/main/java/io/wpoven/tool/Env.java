package io.wpoven.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The tool's configuration: environment variables (Jobs pass secrets through secretKeyRef). */
public final class Env {
    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name, "is required"));
    }

    /** A secret: required, never trimmed, never printed. */
    public String secret(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(name, "is required");
        }
        return value;
    }

    public String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return optional(name).map(v -> parseInt(name, v)).orElse(fallback);
    }

    public Optional<Integer> optionalInteger(String name) {
        return optional(name).map(v -> parseInt(name, v));
    }

    public boolean bool(String name, boolean fallback) {
        return optional(name).map(v -> parseBool(name, v)).orElse(fallback);
    }

    public Optional<Boolean> optionalBool(String name) {
        return optional(name).map(v -> parseBool(name, v));
    }

    public Optional<Duration> duration(String name) {
        return optional(name).map(v -> {
            try {
                return Durations.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, e.getMessage());
            }
        });
    }

    public Path directory(String name) {
        return Path.of(required(name));
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String name) {
        return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be an integer, not '" + value + "'");
        }
    }

    private static boolean parseBool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name, "must be true or false, not '" + value + "'");
        };
    }
}
