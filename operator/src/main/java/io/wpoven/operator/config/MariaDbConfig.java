package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.ManagedDatabaseSpec;
import io.wpoven.operator.support.Memory;

/**
 * my.cnf {@code [mysqld]} of the managed MariaDB (templates/my.cnf), sized from the container's memory:
 * half for the InnoDB buffer pool, 50 connections per 512 MiB, utf8mb4 throughout.
 */
public final class MariaDbConfig {
    /** The schema default of the managed database's memory limit, used when a site sets neither limit nor request. */
    static final long DEFAULT_MEMORY_BYTES = 512 * Memory.MIB;

    private static final Template TEMPLATE = Template.load("my.cnf");

    private MariaDbConfig() {
    }

    public static String render(long memoryBytes, StackLayout layout) {
        long memoryMiB = memoryBytes / Memory.MIB;
        long bufferPoolMiB = bufferPoolMiB(memoryBytes);
        return TEMPLATE.render(Map.ofEntries(
                entry("memoryMiB", memoryMiB),
                entry("dbPort", layout.dbPort()),
                entry("bindAddress", layout.bindAddress()),
                entry("bufferPoolMiB", bufferPoolMiB),
                entry("logFileMiB", clamp(bufferPoolMiB / 4, 32, 512)),
                entry("maxConnections", maxConnections(memoryBytes)),
                entry("tmpTableMiB", clamp(memoryMiB / 32, 16, 256))));
    }

    /** The memory MariaDB may use: its container's limit, else its request, else the schema default. */
    public static long memoryBytes(WordPressSite site) {
        ManagedDatabaseSpec managed = site.getSpec().getDatabase().getManaged();
        if (managed == null) {
            throw new IllegalArgumentException("site " + site.getMetadata().getName() + " uses an external database");
        }
        ResourceRequirements resources = managed.getResources();
        Quantity memory = resources == null ? null
                : firstNonNull(get(resources.getLimits(), "memory"), get(resources.getRequests(), "memory"));
        return memory == null ? DEFAULT_MEMORY_BYTES : Quantity.getAmountInBytes(memory).longValue();
    }

    /** Half the memory in whole MiB, at least 64 MiB. */
    static long bufferPoolMiB(long memoryBytes) {
        return Math.max(64, memoryBytes / 2 / Memory.MIB);
    }

    /** 50 per 512 MiB, between 50 and 500. */
    static long maxConnections(long memoryBytes) {
        return clamp(50 * memoryBytes / DEFAULT_MEMORY_BYTES, 50, 500);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    private static Quantity get(Map<String, Quantity> quantities, String key) {
        return quantities == null ? null : quantities.get(key);
    }

    private static Quantity firstNonNull(Quantity a, Quantity b) {
        return a != null ? a : b;
    }
}
