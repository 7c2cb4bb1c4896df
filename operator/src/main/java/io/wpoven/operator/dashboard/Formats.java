package io.wpoven.operator.dashboard;

import io.quarkus.qute.TemplateExtension;

/** Numbers as the dashboard's pages show them. */
@TemplateExtension
public class Formats {
    /** Bytes in MiB, rounded down: {n.capacity.memoryBytes.mib}. */
    static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
