package io.wpoven.operator.site.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.TestSites;

class MatchMemoTest {

    private static WordPressSite site(String resourceVersion) {
        WordPressSite site = TestSites.site("memo", "memo.example.com");
        site.getMetadata().setResourceVersion(resourceVersion);
        return site;
    }

    private static ConfigMap object(String uid, String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName("memo-config").withUid(uid)
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    @Test
    void aMatchIsRememberedOnlyWhileNeitherTheSiteNorTheObjectChanged() {
        MatchMemo.remember(SiteConfigMapDependent.class, site("10"), object("u1", "5"));

        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site("10"), object("u1", "5"))).isTrue();
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site("11"), object("u1", "5")))
                .as("the site changed (spec, annotations or status)").isFalse();
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site("10"), object("u1", "6")))
                .as("the object changed (someone edited it)").isFalse();
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site("10"), object("u2", "5")))
                .as("the object was deleted and made again").isFalse();
        assertThat(MatchMemo.matchedBefore(SiteIngressDependent.class, site("10"), object("u1", "5")))
                .as("another dependent of the same site").isFalse();

        MatchMemo.forget(site("10"));
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site("10"), object("u1", "5"))).isFalse();
    }

    /** The memo is sound only if desired state is a function of the site: no other object, no clock, no chance. */
    @Test
    void desiredStateIsAFunctionOfTheSiteAlone() {
        WordPressSite site = TestSites.withExporters(TestSites.site("memo", "memo.example.com"), true);
        sameJson(Dependents.wordpress(site), Dependents.wordpress(site));
        sameJson(Dependents.proxy(site), Dependents.proxy(site));
        sameJson(Dependents.varnish(site), Dependents.varnish(site));
        sameJson(Dependents.redis(site), Dependents.redis(site));
        sameJson(Dependents.mariadb(site), Dependents.mariadb(site));
        sameJson(Dependents.service(new WordPressServiceDependent(), site),
                Dependents.service(new WordPressServiceDependent(), site));
        sameJson(Dependents.policy(new MariaDbNetworkPolicyDependent(), site),
                Dependents.policy(new MariaDbNetworkPolicyDependent(), site));
        sameJson(Dependents.serviceMonitor(site), Dependents.serviceMonitor(site));
        SiteConfigMapDependent config = new SiteConfigMapDependent();
        config.config = TestSites.config();
        sameJson(config.desired(site, null), config.desired(site, null));
        SiteIngressDependent ingress = new SiteIngressDependent();
        ingress.config = TestSites.config();
        sameJson(ingress.desired(site, null), ingress.desired(site, null));
        WordPressDisruptionBudgetDependent pdb = new WordPressDisruptionBudgetDependent();
        sameJson(pdb.desired(site, null), pdb.desired(site, null));
    }

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static void sameJson(Object once, Object again) {
        assertThat(JSON.asJson(again)).isEqualTo(JSON.asJson(once));
    }
}
