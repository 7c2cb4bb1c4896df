package io.wpoven.operator.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * JOSDK's reconcile metrics (per controller: started, success, failure, retries, duration, queue) on the
 * Prometheus endpoint. Quarkus Operator SDK 7.7.3 wires a no-op Metrics in the packaged application
 * (quarkiverse/quarkus-operator-sdk#1385); this bean supplies the Micrometer one.
 */
public class OperatorMetrics {
    @Produces
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        return MicrometerMetricsV2.newBuilder(registry).build();
    }
}
