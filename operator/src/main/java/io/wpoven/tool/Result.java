package io.wpoven.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one-line JSON a command leaves in the termination log, which the operator reads back into status:
 * {@code {"command","artifact","files":[…],"deleted":[…],"changes":N}} or {@code {"command","error"}}. Kubernetes keeps
 * 4096 bytes of it, so long lists are cut (and {@code "truncated": true} says so).
 */
public final class Result {
    public static final int MAX_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String command;
    private String artifact;
    private final List<String> files = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();
    private final List<String> vanished = new ArrayList<>();
    private final List<String> changing = new ArrayList<>();
    private long changes;

    public Result(String command) {
        this.command = command;
    }

    public Result artifact(String name) {
        this.artifact = name;
        return this;
    }

    public Result file(String name) {
        files.add(name);
        return this;
    }

    public Result deleted(List<String> names) {
        deleted.addAll(names);
        return this;
    }

    public Result tables(java.util.Collection<String> names) {
        tables.addAll(names);
        return this;
    }

    /** Files that vanished while a backup archived them (left out), and ones that kept changing (archived as last read). */
    public Result unsteadyFiles(List<String> vanishedFiles, List<String> changingFiles) {
        vanished.addAll(vanishedFiles);
        changing.addAll(changingFiles);
        return this;
    }

    public Result changes(long count) {
        changes += count;
        return this;
    }

    public List<String> deleted() {
        return deleted;
    }

    public String toJson() {
        for (int keep = Integer.MAX_VALUE; ; keep = keep == Integer.MAX_VALUE ? 50 : keep / 2) {
            ObjectNode node = JSON.createObjectNode().put("command", command);
            if (artifact != null) {
                node.put("artifact", artifact);
            }
            boolean cut = list(node, "files", files, keep) | list(node, "deleted", deleted, keep);
            if (!tables.isEmpty()) {
                cut |= list(node, "tables", tables, keep);
            }
            if (!vanished.isEmpty()) {
                cut |= list(node, "vanished", vanished, keep);
            }
            if (!changing.isEmpty()) {
                cut |= list(node, "changing", changing, keep);
            }
            node.put("changes", changes);
            if (cut) {
                node.put("truncated", true);
            }
            String json = node.toString();
            if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES || keep == 0) {
                return json;
            }
        }
    }

    public static String failure(String command, String message) {
        String text = message == null ? "unknown error" : message;
        for (int length = text.length(); ; length = length * 3 / 4) {
            String json = JSON.createObjectNode().put("command", command)
                    .put("error", length < text.length() ? text.substring(0, length) + "…" : text).toString();
            if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
                return json;
            }
        }
    }

    private static boolean list(ObjectNode node, String field, List<String> values, int keep) {
        ArrayNode array = node.putArray(field);
        values.stream().limit(keep).forEach(array::add);
        return values.size() > keep;
    }

    /** Writes the line to the termination log; a path that is not writable (outside Kubernetes) is skipped. */
    public static void writeTerminationLog(Path file, String json) {
        try {
            if (Files.isWritable(file) || !Files.exists(file) && file.getParent() != null && Files.isWritable(file.getParent())) {
                Files.writeString(file, json + "\n");
            }
        } catch (IOException | SecurityException e) {
            Log.info("could not write the termination log " + file + ": " + e.getMessage());
        }
    }
}
