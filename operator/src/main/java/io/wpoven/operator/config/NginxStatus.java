package io.wpoven.operator.config;

/**
 * nginx's stub_status page for the nginx exporter sidecar (spec.monitoring.exporters): a location in the
 * default server, answered only to the pod's own loopback, so neither visitors nor other pods can read it.
 */
public final class NginxStatus {
    public static final String PATH = "/nginx-status";

    private NginxStatus() {
    }

    /** The location block, indented for a server block; empty when the site runs no exporters. */
    static String location(boolean exporters) {
        if (!exporters) {
            return "";
        }
        return "\n\n"
                + "        # Connection counters for the nginx exporter sidecar, from inside the pod only.\n"
                + "        location = " + PATH + " {\n"
                + "            stub_status;\n"
                + "            allow 127.0.0.1;\n"
                + "            deny all;\n"
                + "            access_log off;\n"
                + "        }";
    }
}
