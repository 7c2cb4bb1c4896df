package io.wpoven.operator.support;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** Memory sizes as the daemons write them (256M, 128mb) and as Kubernetes does. */
public final class Memory {
    private Memory() {
    }

    public static final long MIB = 1024L * 1024L;

    /** Varnish and PHP sizes: 256M, 1G, 512K. */
    public static long varnishSize(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toUpperCase(size.charAt(size.length() - 1))) {
            case 'K' -> n * 1024L;
            case 'M' -> n * MIB;
            case 'G' -> n * 1024L * MIB;
            default -> throw new IllegalArgumentException("not a size: " + size);
        };
    }

    /** Redis sizes: 128mb, 1gb, 512kb. */
    public static long redisSize(String size) {
        return varnishSize(size.substring(0, size.length() - 1));
    }

    /** The given resources, with a memory limit of {@code bytes} when they set none. */
    public static ResourceRequirements withDefaultLimit(ResourceRequirements given, long bytes) {
        ResourceRequirements r = given == null ? new ResourceRequirements() : given;
        Map<String, Quantity> limits = new HashMap<>(r.getLimits() == null ? Map.of() : r.getLimits());
        limits.putIfAbsent("memory", new Quantity(String.valueOf(bytes / MIB), "Mi"));
        return new ResourceRequirementsBuilder(r).withLimits(limits).build();
    }
}
