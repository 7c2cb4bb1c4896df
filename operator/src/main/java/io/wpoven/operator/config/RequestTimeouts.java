package io.wpoven.operator.config;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * How long one PHP request may take at each layer. Each outer layer waits a little longer than the one inside it,
 * so the innermost limit fires first and the error is logged where it happened (PHP, not a bare 502/503).
 */
final class RequestTimeouts {
    private RequestTimeouts() {
    }

    /** PHP's max_execution_time. */
    static int phpSeconds(WordPressSite site) {
        return site.getSpec().getWordpress().getPhp().getMaxExecutionTime();
    }

    /** PHP-FPM kills a worker stuck past this (max_execution_time does not count time spent waiting on I/O). */
    static int fpmTerminateSeconds(WordPressSite site) {
        return phpSeconds(site) + 10;
    }

    /** The nginx backend waits this long for PHP-FPM. */
    static int backendReadSeconds(WordPressSite site) {
        return phpSeconds(site) + 20;
    }

    /** Varnish waits this long for the first byte from the nginx backend. */
    static int varnishFirstByteSeconds(WordPressSite site) {
        return phpSeconds(site) + 30;
    }
}
