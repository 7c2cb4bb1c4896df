package io.wpoven.operator.status;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import io.quarkus.runtime.StartupEvent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.WordPressSiteReconciler;

/**
 * {@code wpoven_site_condition{namespace, name, type, status}}: for each condition of each site, one series per
 * possible status (True, False, Unknown), 1 for the one it has and 0 for the others, as kube-state-metrics'
 * {@code kube_*_status_condition}. Computed at scrape time from the operator's informer cache of sites, so a
 * status change shows at the next scrape and a deleted site's series are gone with it; nothing is kept between
 * scrapes. Cardinality: sites × condition types (7) × 3.
 */
@Singleton
public class SiteConditionMetrics extends Collector {
    public static final String NAME = "wpoven_site_condition";
    static final List<String> STATUSES = List.of("True", "False", "Unknown");

    @Inject
    Operator operator;

    @Inject
    PrometheusMeterRegistry registry;

    void register(@Observes StartupEvent startup) {
        registry.getPrometheusRegistry().register(this);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return List.of(family(sites()));
    }

    /** The sites in the controller's cache; none before the controller has started (or on a standby replica). */
    @SuppressWarnings("unchecked")
    private Stream<WordPressSite> sites() {
        try {
            return operator.getRegisteredController(WordPressSiteReconciler.NAME)
                    .filter(Controller.class::isInstance)
                    .map(c -> ((Controller<WordPressSite>) c).getEventSourceManager().getControllerEventSource()
                            .list(s -> true))
                    .orElseGet(Stream::empty);
        } catch (RuntimeException notStarted) {
            return Stream.empty();
        }
    }

    static GaugeMetricFamily family(Stream<WordPressSite> sites) {
        GaugeMetricFamily family = new GaugeMetricFamily(NAME,
                "Condition of a WordPressSite: 1 for the status the condition has, 0 for the others.",
                List.of("namespace", "name", "type", "status"));
        sites.filter(s -> s.getStatus() != null && s.getStatus().getConditions() != null)
                .sorted(Comparator.comparing((WordPressSite s) -> s.getMetadata().getNamespace())
                        .thenComparing(s -> s.getMetadata().getName()))
                .forEach(site -> {
                    for (Condition c : site.getStatus().getConditions()) {
                        for (String status : STATUSES) {
                            family.addMetric(List.of(site.getMetadata().getNamespace(), site.getMetadata().getName(),
                                    c.getType(), status), status.equals(c.getStatus()) ? 1 : 0);
                        }
                    }
                });
        return family;
    }
}
