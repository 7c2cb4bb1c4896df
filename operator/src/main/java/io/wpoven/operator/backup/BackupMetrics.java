package io.wpoven.operator.backup;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupStatus;

/**
 * When each site's backups last succeeded and last failed, per Backup:
 * wpoven_site_last_backup_success_timestamp_seconds and wpoven_site_last_backup_failure_timestamp_seconds
 * {namespace, name (the site), backup}. A series appears with the first success (failure) and goes with the
 * Backup; "time() - max by (namespace, name) (…success…)" is the age the stale-backup alert watches.
 */
@ApplicationScoped
public class BackupMetrics {
    public static final String LAST_SUCCESS = "wpoven.site.last.backup.success.timestamp.seconds";
    public static final String LAST_FAILURE = "wpoven.site.last.backup.failure.timestamp.seconds";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Backup backup) {
        BackupStatus status = backup.getStatus();
        if (status == null) {
            return;
        }
        set(backup, LAST_SUCCESS, "Unix time the site's latest successful backup run (of this Backup) finished",
                status.getLastSuccessfulTime());
        set(backup, LAST_FAILURE, "Unix time the site's latest failed backup run (of this Backup) finished",
                status.getLastFailureTime());
    }

    private void set(Backup backup, String metric, String description, String time) {
        if (time == null) {
            return;
        }
        values.computeIfAbsent(key(backup, metric), k -> {
            AtomicLong value = new AtomicLong();
            gauges.put(k, Gauge.builder(metric, value, AtomicLong::get)
                    .description(description)
                    .tag("namespace", backup.getMetadata().getNamespace())
                    .tag("name", backup.getSpec().getSiteRef().getName())
                    .tag("backup", backup.getMetadata().getName())
                    .register(registry));
            return value;
        }).set(Instant.parse(time).getEpochSecond());
    }

    public void remove(Backup backup) {
        for (String metric : new String[] { LAST_SUCCESS, LAST_FAILURE }) {
            String key = key(backup, metric);
            values.remove(key);
            Gauge gauge = gauges.remove(key);
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    private static String key(Backup backup, String metric) {
        return metric + "/" + backup.getMetadata().getNamespace() + "/" + backup.getMetadata().getName();
    }
}
