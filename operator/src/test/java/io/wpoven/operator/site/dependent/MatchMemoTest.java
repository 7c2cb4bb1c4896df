package io.wpoven.operator.site.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wpoven.operator.api.v1alpha1.MalwareScanStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.support.TestSites;

class MatchMemoTest {

    private static WordPressSite site() {
        WordPressSite site = TestSites.site("memo", "memo.example.com");
        site.setStatus(new WordPressSiteStatus());
        return site;
    }

    private static ConfigMap configMap(String uid, String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName("memo-config").withUid(uid)
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    private static Deployment deployment(long generation, String resourceVersion) {
        return new DeploymentBuilder().withNewMetadata().withName("memo-wordpress").withUid("d1")
                .withGeneration(generation).withResourceVersion(resourceVersion).endMetadata().build();
    }

    @Test
    void aMatchIsRememberedWhileNothingDesiredStateReadsChanged() {
        MatchMemo.remember(SiteConfigMapDependent.class, site(), configMap("u1", "5"));
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site(), configMap("u1", "5"))).isTrue();

        WordPressSite conditionsMoved = site();
        conditionsMoved.getStatus().setObservedGeneration(1L);
        conditionsMoved.getMetadata().setResourceVersion("99");
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, conditionsMoved, configMap("u1", "5")))
                .as("only the site's conditions and resourceVersion moved").isTrue();

        WordPressSite respecified = site();
        respecified.getMetadata().setGeneration(2L);
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, respecified, configMap("u1", "5")))
                .as("the site's spec changed").isFalse();
        WordPressSite relabelled = site();
        relabelled.getMetadata().setLabels(Map.of("team", "b"));
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, relabelled, configMap("u1", "5"))).isFalse();
        WordPressSite annotated = site();
        annotated.getMetadata().setAnnotations(Map.of("wpoven.io/quiesce", "x"));
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, annotated, configMap("u1", "5"))).isFalse();
        WordPressSite scanned = site();
        scanned.getStatus().setMalwareScan(new MalwareScanStatus());
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, scanned, configMap("u1", "5")))
                .as("a scan result (a quarantine changes the pods)").isFalse();

        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site(), configMap("u1", "6")))
                .as("a ConfigMap has no generation: any change of it").isFalse();
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site(), configMap("u2", "5")))
                .as("the object was deleted and made again").isFalse();
        assertThat(MatchMemo.matchedBefore(SiteIngressDependent.class, site(), configMap("u1", "5")))
                .as("another dependent of the same site").isFalse();
        // what a dependent reads of another object (the certificate issued) counts as the site does
        MatchMemo.remember(ProxyDeploymentDependent.class, site(), configMap("u1", "5"), false);
        assertThat(MatchMemo.matchedBefore(ProxyDeploymentDependent.class, site(), configMap("u1", "5"), false)).isTrue();
        assertThat(MatchMemo.matchedBefore(ProxyDeploymentDependent.class, site(), configMap("u1", "5"), true))
                .as("the certificate got issued: compare again").isFalse();

        MatchMemo.forget(site());
        assertThat(MatchMemo.matchedBefore(SiteConfigMapDependent.class, site(), configMap("u1", "5"))).isFalse();
    }

    @Test
    void anObjectsStatusMovingKeepsTheMatchItsSpecOrMetadataChangingDoesNot() {
        MatchMemo.remember(WordPressDeploymentDependent.class, site(), deployment(3, "100"));
        assertThat(MatchMemo.matchedBefore(WordPressDeploymentDependent.class, site(), deployment(3, "101")))
                .as("status only: same generation").isTrue();
        assertThat(MatchMemo.matchedBefore(WordPressDeploymentDependent.class, site(), deployment(4, "102")))
                .as("someone edited the spec").isFalse();
        Deployment relabelled = deployment(3, "103");
        relabelled.getMetadata().setLabels(Map.of("app.kubernetes.io/name", "other"));
        assertThat(MatchMemo.matchedBefore(WordPressDeploymentDependent.class, site(), relabelled))
                .as("someone edited its labels").isFalse();
        MatchMemo.forget(site());
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
