package io.wpoven.operator.status;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wpoven.operator.restore.RestoreReconciler;
import io.wpoven.operator.site.WordPressSiteReconciler;
import io.wpoven.operator.staging.StagingReconciler;

/**
 * Feeds {@link ResourceGauges} from the controllers' informer caches: the series are laid out again every
 * {@value #REFRESH_SECONDS} s (a new or deleted object shows within that), their values are read at scrape time.
 * Before the controllers start (or on a standby replica) the caches are empty and so are the gauges.
 */
@Singleton
public class ResourceMetrics {
    private static final Logger LOG = Logger.getLogger(ResourceMetrics.class);
    static final long REFRESH_SECONDS = 5;

    @Inject
    Operator operator;

    @Inject
    MeterRegistry registry;

    private ResourceGauges gauges;
    private ScheduledExecutorService refresher;

    void start(@Observes StartupEvent startup) {
        gauges = new ResourceGauges(registry);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wpoven-resource-metrics");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    void refresh() {
        try {
            gauges.refresh(source(WordPressSiteReconciler.NAME), source(RestoreReconciler.NAME),
                    source(StagingReconciler.NAME));
        } catch (RuntimeException e) {
            LOG.debugf(e, "metrics refresh skipped");
        }
    }

    /** A controller's cache, empty before the controller has started. */
    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> ResourceGauges.Source<T> source(String controller) {
        try {
            Optional<ControllerEventSource<T>> cache = operator.getRegisteredController(controller)
                    .filter(Controller.class::isInstance)
                    .map(c -> ((Controller<T>) c).getEventSourceManager().getControllerEventSource());
            if (cache.isPresent()) {
                ControllerEventSource<T> events = cache.get();
                return new ResourceGauges.Source<>(events.list(r -> true).toList(), events::get);
            }
        } catch (RuntimeException notStarted) {
            // the event sources start with the controller
        }
        return new ResourceGauges.Source<>(List.of(), id -> Optional.empty());
    }
}
