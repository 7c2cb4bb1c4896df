package io.wpoven.operator.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.status.ConditionTypes;

/** One line of the fleet page, computed from the site and the newest successful backup of it. */
public record FleetRow(String namespace, String name, String ready, String reason, String message, String degraded,
        List<String> domains, String replicas, String lastBackup, String tls, String state) {

    public static FleetRow of(WordPressSite site, Instant lastBackup, Instant now) {
        var status = site.getStatus();
        List<Condition> conditions = status == null || status.getConditions() == null ? List.of() : status.getConditions();
        Condition ready = find(conditions, ConditionTypes.READY);
        Condition degraded = find(conditions, ConditionTypes.DEGRADED);
        boolean isDegraded = degraded != null && "True".equals(degraded.getStatus());
        String readyStatus = ready == null ? "Unknown" : ready.getStatus();
        var spec = site.getSpec();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        int readyReplicas = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        boolean tls = spec == null || spec.getTls() == null || spec.getTls().getEnabled() == null || spec.getTls().getEnabled();
        Condition tlsReady = find(conditions, ConditionTypes.TLS_READY);
        String tlsState = !tls ? "off" : tlsReady == null || "True".equals(tlsReady.getStatus()) ? "on"
                : "on, not ready (" + nz(tlsReady.getReason()) + ")";
        String state = isDegraded ? "degraded" : "True".equals(readyStatus) ? "ready" : "notready";
        return new FleetRow(site.getMetadata().getNamespace(), site.getMetadata().getName(), readyStatus,
                ready == null ? "" : nz(ready.getReason()), ready == null ? "" : nz(ready.getMessage()),
                isDegraded ? nz(degraded.getReason()) : "",
                spec == null || spec.getDomains() == null ? List.of() : spec.getDomains(),
                readyReplicas + "/" + desired, lastBackup == null ? "never" : age(Duration.between(lastBackup, now)) + " ago",
                tlsState, state);
    }

    /** Search (name, namespace or domain contains q) and state filter (ready, notready, degraded; empty: all). */
    public boolean matches(String q, String wantedState) {
        if (wantedState != null && !wantedState.isBlank() && !wantedState.equals(state)) {
            return false;
        }
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.strip().toLowerCase(Locale.ROOT);
        return name.contains(needle) || namespace.contains(needle) || domains.stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).contains(needle));
    }

    public String domainList() {
        return String.join(", ", domains);
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    static Condition find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The newest successful backup per site ("namespace/name" → time), from the Backups' status. */
    static Instant newest(Map<String, Instant> map, String key, Instant candidate) {
        Instant old = map.get(key);
        return old == null || (candidate != null && candidate.isAfter(old)) ? candidate : old;
    }
}
