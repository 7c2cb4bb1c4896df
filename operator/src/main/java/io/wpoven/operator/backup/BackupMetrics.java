package io.wpoven.operator.backup;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wpoven.operator.api.v1alpha1.Backup;

/**
 * wpoven_backup_last_success_timestamp_seconds{namespace,backup,site}: when each Backup last succeeded (0 before
 * its first success). "time() - metric" is the age the backup alerts watch. Removed with the Backup.
 */
@ApplicationScoped
public class BackupMetrics {
    public static final String LAST_SUCCESS = "wpoven.backup.last.success.timestamp.seconds";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Backup backup) {
        String key = key(backup);
        long seconds = backup.getStatus() == null || backup.getStatus().getLastSuccessfulTime() == null ? 0
                : Instant.parse(backup.getStatus().getLastSuccessfulTime()).getEpochSecond();
        lastSuccess.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            gauges.put(k, Gauge.builder(LAST_SUCCESS, value, AtomicLong::get)
                    .description("Unix time of the Backup's latest successful run; 0 before the first")
                    .tag("namespace", backup.getMetadata().getNamespace())
                    .tag("backup", backup.getMetadata().getName())
                    .tag("site", backup.getSpec().getSiteRef().getName())
                    .register(registry));
            return value;
        }).set(seconds);
    }

    public void remove(Backup backup) {
        String key = key(backup);
        lastSuccess.remove(key);
        Gauge gauge = gauges.remove(key);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    private static String key(Backup backup) {
        return backup.getMetadata().getNamespace() + "/" + backup.getMetadata().getName();
    }
}
