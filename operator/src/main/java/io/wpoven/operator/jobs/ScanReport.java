package io.wpoven.operator.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code scan} command's line in its termination message (io.wpoven.tool.scan.ScanResult): counts always whole,
 * lists cut to fit ({@code truncated}). A scan that failed leaves {@code {"command":"scan","error"}}, or, when the tool
 * died before writing, the log tail (FallbackToLogsOnError) which becomes the error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScanReport(String command, Long filesScanned, Integer findingsCount, Map<String, Integer> classes,
        List<Item> findings, List<String> quarantined, String quarantineId, Boolean truncated, List<String> checks,
        String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String kind, String where, String rule) {
    }

    public static Optional<ScanReport> parse(String message) {
        if (message == null || message.isBlank()) {
            return Optional.empty();
        }
        String trimmed = message.strip();
        try {
            if (trimmed.startsWith("{")) {
                return Optional.of(JSON.readValue(trimmed, ScanReport.class));
            }
        } catch (Exception e) {
            // not the tool's JSON: the log tail
        }
        String[] lines = trimmed.split("\n");
        String last = lines[lines.length - 1];
        return Optional.of(failure(last.length() > 500 ? last.substring(0, 500) + "…" : last));
    }

    public static ScanReport failure(String error) {
        return new ScanReport(null, null, null, null, null, null, null, null, null, error);
    }

    public boolean failed() {
        return error != null && !error.isBlank();
    }

    public Map<String, Integer> classesOrEmpty() {
        return classes == null ? Map.of() : classes;
    }

    public List<Item> findingsOrEmpty() {
        return findings == null ? List.of() : findings;
    }

    public List<String> quarantinedOrEmpty() {
        return quarantined == null ? List.of() : quarantined;
    }
}
