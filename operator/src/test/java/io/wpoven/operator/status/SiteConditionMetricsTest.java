package io.wpoven.operator.status;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.prometheus.client.exporter.common.TextFormat;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;

/** wpoven_site_condition as Prometheus reads it: kube-state-metrics' shape, only the sites that exist. */
class SiteConditionMetricsTest {

    static WordPressSite withConditions(String name, Condition... conditions) {
        WordPressSite site = site(name, name + ".example.com");
        WordPressSiteStatus status = new WordPressSiteStatus();
        status.setConditions(List.of(conditions));
        site.setStatus(status);
        return site;
    }

    static Condition condition(String type, String status) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason("R").build();
    }

    static String exposition(Stream<WordPressSite> sites) throws IOException {
        StringWriter out = new StringWriter();
        TextFormat.write004(out, Collections.enumeration(List.of(SiteConditionMetrics.family(sites))));
        return out.toString();
    }

    @Test
    void eachConditionHasOneSeriesPerStatusWithOneForTheCurrentStatus() throws IOException {
        String text = exposition(Stream.of(withConditions("blog", condition("Ready", "False"), condition("Degraded", "True"))));
        assertThat(text)
                .contains("# TYPE wpoven_site_condition gauge")
                .contains("wpoven_site_condition{namespace=\"shop\",name=\"blog\",type=\"Ready\",status=\"True\",} 0.0")
                .contains("wpoven_site_condition{namespace=\"shop\",name=\"blog\",type=\"Ready\",status=\"False\",} 1.0")
                .contains("wpoven_site_condition{namespace=\"shop\",name=\"blog\",type=\"Ready\",status=\"Unknown\",} 0.0")
                .contains("wpoven_site_condition{namespace=\"shop\",name=\"blog\",type=\"Degraded\",status=\"True\",} 1.0");
        assertThat(text.lines().filter(l -> l.startsWith("wpoven_site_condition{"))).hasSize(6);
    }

    @Test
    void aConditionChangeMovesTheOne() throws IOException {
        String text = exposition(Stream.of(withConditions("blog", condition("Ready", "True"))));
        assertThat(text)
                .contains("wpoven_site_condition{namespace=\"shop\",name=\"blog\",type=\"Ready\",status=\"True\",} 1.0")
                .contains("wpoven_site_condition{namespace=\"shop\",name=\"blog\",type=\"Ready\",status=\"False\",} 0.0");
    }

    @Test
    void onlySitesThatExistAndHaveAStatusHaveSeries() throws IOException {
        WordPressSite fresh = site("fresh", "fresh.example.com");
        String text = exposition(Stream.of(fresh, withConditions("blog", condition("Ready", "True"))));
        assertThat(text).contains("name=\"blog\"").doesNotContain("name=\"fresh\"");
        assertThat(exposition(Stream.empty()).lines().filter(l -> l.startsWith("wpoven_site_condition{"))).isEmpty();
    }
}
