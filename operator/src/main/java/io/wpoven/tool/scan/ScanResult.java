package io.wpoven.tool.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wpoven.tool.Result;

/**
 * The scan's line in the termination log: {@code {"command":"scan","filesScanned","findingsCount","classes":{…},
 * "findings":[{kind,where,rule}…],"quarantined":[…],"restored":[…],"checks":[…]}}. The counts are always whole; the
 * lists are cut to fit Kubernetes' 4096 bytes ({@code "truncated": true} says so).
 */
public final class ScanResult {
    private static final ObjectMapper JSON = new ObjectMapper();

    long filesScanned;
    final List<Finding> findings = new ArrayList<>();
    final List<String> quarantined = new ArrayList<>();
    final List<String> restored = new ArrayList<>();
    final List<String> checks = new ArrayList<>();
    String quarantineId;
    long millis;

    public Map<String, Integer> classes() {
        Map<String, Integer> classes = new TreeMap<>();
        findings.forEach(f -> classes.merge(f.kind(), 1, Integer::sum));
        return classes;
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<String> quarantined() {
        return quarantined;
    }

    public List<String> restored() {
        return restored;
    }

    public long filesScanned() {
        return filesScanned;
    }

    public String toJson() {
        for (int keep = 50; ; keep = keep / 2) {
            ObjectNode node = JSON.createObjectNode().put("command", "scan").put("filesScanned", filesScanned)
                    .put("findingsCount", findings.size()).put("seconds", millis / 1000.0);
            ObjectNode classes = node.putObject("classes");
            classes().forEach(classes::put);
            ArrayNode list = node.putArray("findings");
            findings.stream().limit(keep).forEach(f -> list.addObject().put("kind", f.kind()).put("where", f.where())
                    .put("rule", f.rule()));
            boolean cut = findings.size() > keep;
            cut |= strings(node, "quarantined", quarantined, keep);
            cut |= strings(node, "restored", restored, keep);
            strings(node, "checks", checks, Integer.MAX_VALUE);
            if (quarantineId != null) {
                node.put("quarantineId", quarantineId);
            }
            if (cut) {
                node.put("truncated", true);
            }
            String json = node.toString();
            if (json.getBytes(StandardCharsets.UTF_8).length <= Result.MAX_BYTES || keep == 0) {
                return json;
            }
        }
    }

    private static boolean strings(ObjectNode node, String field, List<String> values, int keep) {
        ArrayNode array = node.putArray(field);
        values.stream().limit(keep).forEach(array::add);
        return values.size() > keep;
    }
}
