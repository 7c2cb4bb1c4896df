package io.wpoven.operator.status;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.RestoreStatus;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;

/** The gauges as Prometheus reads them: kube-state-metrics' condition shape, only for the objects that exist. */
class ResourceGaugesTest {
    PrometheusMeterRegistry registry;
    ResourceGauges gauges;
    Map<ResourceID, WordPressSite> sites;
    Map<ResourceID, Restore> restores;
    Map<ResourceID, Staging> stagings;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gauges = new ResourceGauges(registry);
        sites = new HashMap<>();
        restores = new HashMap<>();
        stagings = new HashMap<>();
    }

    static Condition condition(String type, String status) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason("R").build();
    }

    static WordPressSite withConditions(String name, Condition... conditions) {
        WordPressSite site = site(name, name + ".example.com");
        WordPressSiteStatus status = new WordPressSiteStatus();
        status.setConditions(List.of(conditions));
        site.setStatus(status);
        return site;
    }

    <T extends HasMetadata> void put(Map<ResourceID, T> cache, T resource) {
        cache.put(ResourceID.fromResource(resource), resource);
    }

    <T extends HasMetadata> ResourceGauges.Source<T> source(Map<ResourceID, T> cache) {
        return new ResourceGauges.Source<>(List.copyOf(cache.values()), id -> Optional.ofNullable(cache.get(id)));
    }

    String scrape() {
        gauges.refresh(source(sites), source(restores), source(stagings));
        return registry.scrape();
    }

    static String series(String metric, String namespace, String name, String type, String status, String value) {
        return metric + "{name=\"" + name + "\",namespace=\"" + namespace + "\",status=\"" + status + "\",type=\"" + type
                + "\",} " + value;
    }

    @Test
    void eachConditionHasOneSeriesPerStatusWithOneForTheCurrentStatus() {
        put(sites, withConditions("blog", condition("Ready", "False"), condition("Degraded", "True")));
        String text = scrape();
        assertThat(text)
                .contains("# TYPE wpoven_site_condition gauge")
                .contains(series("wpoven_site_condition", "shop", "blog", "Ready", "True", "0.0"))
                .contains(series("wpoven_site_condition", "shop", "blog", "Ready", "False", "1.0"))
                .contains(series("wpoven_site_condition", "shop", "blog", "Ready", "Unknown", "0.0"))
                .contains(series("wpoven_site_condition", "shop", "blog", "Degraded", "True", "1.0"));
        assertThat(text.lines().filter(l -> l.startsWith("wpoven_site_condition{"))).hasSize(6);
    }

    @Test
    void aConditionChangeMovesTheOneAtTheNextScrape() {
        put(sites, withConditions("blog", condition("Ready", "True")));
        scrape();
        put(sites, withConditions("blog", condition("Ready", "False")));
        // no refresh: the value is read from the current object when Prometheus scrapes
        assertThat(registry.scrape())
                .contains(series("wpoven_site_condition", "shop", "blog", "Ready", "True", "0.0"))
                .contains(series("wpoven_site_condition", "shop", "blog", "Ready", "False", "1.0"));
    }

    @Test
    void aRefreshKeepsTheSeriesItDoesNotChange() {
        put(sites, withConditions("blog", condition("Ready", "True")));
        scrape();
        var before = registry.find("wpoven.site.condition").tags("name", "blog", "type", "Ready", "status", "True").gauge();
        put(sites, withConditions("shop", condition("Ready", "False")));
        scrape();
        assertThat(registry.find("wpoven.site.condition").tags("name", "blog", "type", "Ready", "status", "True").gauge())
                .as("not removed and registered again: a scrape in between never misses it").isSameAs(before);
    }

    @Test
    void onlyObjectsThatExistAndHaveAStatusHaveSeries() {
        put(sites, site("fresh", "fresh.example.com"));
        put(sites, withConditions("blog", condition("Ready", "True")));
        assertThat(scrape()).contains("name=\"blog\"").doesNotContain("name=\"fresh\"");

        sites.clear();
        assertThat(scrape().lines().filter(l -> l.startsWith("wpoven_site_condition{"))).isEmpty();
    }

    @Test
    void aFailedRestoreIsExportedForItsAlert() {
        Restore restore = new Restore();
        restore.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("blog-undo").build());
        RestoreStatus status = new RestoreStatus();
        status.setConditions(List.of(condition("Complete", "True"), condition("Failed", "True")));
        restore.setStatus(status);
        put(restores, restore);

        assertThat(scrape()).contains(series("wpoven_restore_condition", "shop", "blog-undo", "Failed", "True", "1.0"))
                .contains(series("wpoven_restore_condition", "shop", "blog-undo", "Failed", "False", "0.0"));
    }

    @Test
    void aStagingsLastPushAndPullOutcomesAreExported() {
        Staging staging = new Staging();
        staging.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("blog-staging").build());
        StagingStatus status = new StagingStatus();
        StagingStatus.SyncStatus push = new StagingStatus.SyncStatus();
        push.setOutcome("RolledBack");
        status.setLastPush(push);
        StagingStatus.SyncStatus pull = new StagingStatus.SyncStatus();
        pull.setOutcome("Succeeded");
        status.setLastPull(pull);
        staging.setStatus(status);
        put(stagings, staging);

        String text = scrape();
        assertThat(text)
                .contains("wpoven_staging_sync_outcome{kind=\"push\",name=\"blog-staging\",namespace=\"shop\",outcome=\"RolledBack\",} 1.0")
                .contains("wpoven_staging_sync_outcome{kind=\"pull\",name=\"blog-staging\",namespace=\"shop\",outcome=\"Succeeded\",} 1.0");

        push.setOutcome("Succeeded");
        assertThat(registry.scrape()).as("a later push succeeded: the old outcome's series drops to 0 before the refresh")
                .contains("outcome=\"RolledBack\",} 0.0");
        assertThat(scrape()).doesNotContain("RolledBack").contains("kind=\"push\",name=\"blog-staging\",namespace=\"shop\",outcome=\"Succeeded\",} 1.0");
    }
}
