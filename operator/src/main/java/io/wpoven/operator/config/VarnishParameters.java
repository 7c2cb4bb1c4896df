package io.wpoven.operator.config;

import java.util.List;

/**
 * The run-time parameters ({@code -p}) varnishd starts with, the same in the cluster and in the stack test.
 *
 * <p>{@code vsl_mask}: Varnish writes every request into its shared-memory log, and the records below are formatted
 * with printf (timestamps as floating-point numbers, byte counters, each VCL subroutine entered and left, the hit's
 * TTL). Nothing reads them: the front proxy writes the access log. In a profile of cache hits, printf took 13 % of
 * Varnish's CPU; with these tags masked, 5 % (docs/performance.md).
 * The records {@code varnishlog} groups by (Begin, End, Link) and the request's URL, headers, status and
 * {@code std.log} lines stay, so {@code varnishlog -g request} still shows what happened to a request.
 */
public final class VarnishParameters {
    static final String VSL_MASK = "vsl_mask=-Timestamp,-ReqAcct,-VCL_call,-VCL_return,-Hit";

    private VarnishParameters() {
    }

    /** Arguments for the varnishd command line. */
    public static List<String> arguments() {
        return List.of("-p", VSL_MASK);
    }
}
