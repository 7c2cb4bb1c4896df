package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.condition.VarnishReplicated;

/** spec.cache.replicas: the Deployment's replicas, a headless Service for the purge, a disruption budget from 2. */
class VarnishReplicasDependentsTest {
    private final WordPressSite site = site("blog", "blog.example.com");

    @Test
    void oneVarnishPodUnlessTheSpecAsksForMore() {
        assertThat(Dependents.varnish(site).getSpec().getReplicas()).isEqualTo(1);
        assertThat(VarnishReplicated.holds(site)).as("no budget for one pod: it would block a drain for good").isFalse();

        site.getSpec().getCache().setReplicas(3);
        assertThat(Dependents.varnish(site).getSpec().getReplicas()).isEqualTo(3);
        assertThat(VarnishReplicated.holds(site)).isTrue();
    }

    @Test
    void theDisruptionBudgetKeepsOneVarnishPodOfThisSite() {
        site.getSpec().getCache().setReplicas(2);
        PodDisruptionBudget pdb = new VarnishDisruptionBudgetDependent().desired(site, null);
        assertThat(pdb.getMetadata().getName()).isEqualTo("blog-varnish");
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
        assertThat(Dependents.varnish(site).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(Dependents.wordpress(site).getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet())).isFalse();
        assertThat(new WordPressDisruptionBudgetDependent().desired(site, null).getMetadata().getName())
                .as("a PodDisruptionBudget name of its own").isNotEqualTo(pdb.getMetadata().getName());
    }

    @Test
    void theHeadlessServiceResolvesToEveryVarnishPodOnItsHttpPort() {
        Service pods = new VarnishPodsServiceDependent().desired(site, null);
        Service front = Dependents.service(new VarnishServiceDependent(), site);
        assertThat(pods.getMetadata().getName()).isEqualTo("blog-varnish-pods");
        assertThat(pods.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(pods.getSpec().getPublishNotReadyAddresses()).as("only ready pods are purged").isNotEqualTo(Boolean.TRUE);
        assertThat(pods.getSpec().getSelector()).isEqualTo(front.getSpec().getSelector());
        assertThat(pods.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(6081);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(Dependents.varnish(site).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pods.getSpec().getSelector());
    }
}
