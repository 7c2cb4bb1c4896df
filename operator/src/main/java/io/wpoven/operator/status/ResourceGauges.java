package io.wpoven.operator.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The operator's gauges about its objects, on Micrometer (kube-state-metrics' {@code *_status_condition} shape):
 * <ul>
 * <li>{@code wpoven_site_condition{namespace, name, type, status}} and {@code wpoven_restore_condition{…}}: for
 * each condition of each site (Restore), one series per status (True, False, Unknown), 1 for the status the
 * condition has and 0 for the others;</li>
 * <li>{@code wpoven_staging_sync_outcome{namespace, name, kind, outcome}}: 1 for the outcome of a Staging's last
 * push (kind push) and pull (kind pull).</li>
 * </ul>
 * {@link #refresh} lays out the series from the objects that exist (a deleted object's series go with the next
 * refresh); each series' value is read from the current object at scrape time.
 */
public final class ResourceGauges {
    public static final String SITE_CONDITION = "wpoven.site.condition";
    public static final String RESTORE_CONDITION = "wpoven.restore.condition";
    public static final String STAGING_SYNC_OUTCOME = "wpoven.staging.sync.outcome";
    static final List<String> STATUSES = List.of("True", "False", "Unknown");

    private final MultiGauge siteConditions;
    private final MultiGauge restoreConditions;
    private final MultiGauge stagingOutcomes;

    public ResourceGauges(MeterRegistry registry) {
        siteConditions = MultiGauge.builder(SITE_CONDITION)
                .description("Condition of a WordPressSite: 1 for the status the condition has, 0 for the others.")
                .register(registry);
        restoreConditions = MultiGauge.builder(RESTORE_CONDITION)
                .description("Condition of a Restore: 1 for the status the condition has, 0 for the others.")
                .register(registry);
        stagingOutcomes = MultiGauge.builder(STAGING_SYNC_OUTCOME)
                .description("Outcome of a Staging's last push or pull (kind): 1 while it is the current outcome.")
                .register(registry);
    }

    /** What the operator's caches hold: every object of a kind, and one by id at scrape time. */
    public record Source<T extends HasMetadata>(Collection<T> all, Function<ResourceID, Optional<T>> current) {
    }

    /**
     * Lays the series out again: new ones are added, gone ones removed, the others kept as they are (not
     * overwritten: a scrape in between must never miss a series, or an alert's "for" would start over). Their
     * values are read from the caches at scrape time anyway.
     */
    public void refresh(Source<WordPressSite> sites, Source<Restore> restores, Source<Staging> stagings) {
        siteConditions.register(conditionRows(sites, s -> s.getStatus() == null ? null : s.getStatus().getConditions()),
                false);
        restoreConditions.register(conditionRows(restores,
                r -> r.getStatus() == null ? null : r.getStatus().getConditions()), false);
        stagingOutcomes.register(outcomeRows(stagings), false);
    }

    static <T extends HasMetadata> List<MultiGauge.Row<?>> conditionRows(Source<T> source,
            Function<T, List<Condition>> conditionsOf) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (T resource : sorted(source.all())) {
            List<Condition> conditions = conditionsOf.apply(resource);
            if (conditions == null) {
                continue;
            }
            ResourceID id = ResourceID.fromResource(resource);
            for (Condition c : conditions) {
                for (String status : STATUSES) {
                    String type = c.getType();
                    rows.add(MultiGauge.Row.of(tags(resource).and("type", type, "status", status),
                            () -> source.current().apply(id).map(conditionsOf).map(now -> now.stream()
                                    .anyMatch(k -> type.equals(k.getType()) && status.equals(k.getStatus())) ? 1 : 0)
                                    .orElse(0)));
                }
            }
        }
        return rows;
    }

    static List<MultiGauge.Row<?>> outcomeRows(Source<Staging> source) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Staging staging : sorted(source.all())) {
            ResourceID id = ResourceID.fromResource(staging);
            for (String kind : List.of("push", "pull")) {
                String outcome = outcome(staging, kind);
                if (outcome != null) {
                    rows.add(MultiGauge.Row.of(tags(staging).and("kind", kind, "outcome", outcome),
                            () -> source.current().apply(id).map(now -> outcome.equals(outcome(now, kind)) ? 1 : 0)
                                    .orElse(0)));
                }
            }
        }
        return rows;
    }

    private static String outcome(Staging staging, String kind) {
        StagingStatus status = staging.getStatus();
        StagingStatus.SyncStatus sync = status == null ? null : kind.equals("push") ? status.getLastPush() : status.getLastPull();
        return sync == null ? null : sync.getOutcome();
    }

    private static Tags tags(HasMetadata resource) {
        return Tags.of("namespace", resource.getMetadata().getNamespace(), "name", resource.getMetadata().getName());
    }

    private static <T extends HasMetadata> List<T> sorted(Collection<T> resources) {
        return resources.stream().sorted(Comparator.comparing((T r) -> r.getMetadata().getNamespace())
                .thenComparing(r -> r.getMetadata().getName())).toList();
    }
}
