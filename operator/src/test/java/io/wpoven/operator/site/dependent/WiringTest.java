package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec.DeletionPolicy;
import io.wpoven.operator.api.v1alpha1.spec.VolumeSpec;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.TestSites;

/** Services, policies and the Ingress point at the right pods and ports. */
class WiringTest {
    private final WordPressSite site = site("blog", "blog.example.com", "www.blog.example.com");

    private void assertServiceFronts(Service svc, PodTemplateSpec pods) {
        assertThat(pods.getMetadata().getLabels()).containsAllEntriesOf(svc.getSpec().getSelector());
        String target = svc.getSpec().getPorts().get(0).getTargetPort().getStrVal();
        assertThat(pods.getSpec().getContainers()).flatMap(c -> c.getPorts()).extracting(ContainerPort::getName).contains(target);
    }

    @Test
    void eachServiceSelectsItsComponentsPodsOnANamedPort() {
        assertServiceFronts(new ProxyServiceDependent().desired(site, null), Dependents.proxy(site).getSpec().getTemplate());
        assertServiceFronts(new VarnishServiceDependent().desired(site, null), Dependents.varnish(site).getSpec().getTemplate());
        assertServiceFronts(new WordPressServiceDependent().desired(site, null), Dependents.wordpress(site).getSpec().getTemplate());
        assertServiceFronts(new RedisServiceDependent().desired(site, null), Dependents.redis(site).getSpec().getTemplate());
        assertServiceFronts(new MariaDbServiceDependent().desired(site, null), Dependents.mariadb(site).getSpec().getTemplate());
        assertThat(new MariaDbServiceDependent().desired(site, null).getSpec().getClusterIP()).isEqualTo("None");
        assertThat(new ProxyServiceDependent().desired(site, null).getSpec().getPorts().get(0).getPort()).isEqualTo(80);
    }

    @Test
    void noServiceOfOneSiteSelectsAnotherSitesPods() {
        WordPressSite other = site("shop", "shop.example.com");
        Service mine = new WordPressServiceDependent().desired(site, null);
        assertThat(Dependents.wordpress(other).getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(mine.getSpec().getSelector().entrySet())).isFalse();
    }

    @Test
    void databaseAndRedisAdmitOnlyThisSitesWordPressPods() {
        PodTemplateSpec wp = Dependents.wordpress(site).getSpec().getTemplate();
        PodTemplateSpec proxy = Dependents.proxy(site).getSpec().getTemplate();
        for (NetworkPolicy p : List.of(new MariaDbNetworkPolicyDependent().desired(site, null),
                new RedisNetworkPolicyDependent().desired(site, null))) {
            var from = p.getSpec().getIngress().get(0).getFrom();
            assertThat(from.get(0)).satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(wp.getMetadata().getLabels()).containsAllEntriesOf(peer.getPodSelector().getMatchLabels());
                assertThat(proxy.getMetadata().getLabels()).doesNotContainEntry("app.kubernetes.io/component", "wordpress");
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "wordpress")
                        .containsEntry("app.kubernetes.io/instance", "blog");
            });
        }
        var installer = WordPressInstallJobDependent.job(site, "wordpress:6-fpm").getSpec().getTemplate().getMetadata().getLabels();
        var cron = WordPressCronJobDependent.cronJob(site, "wordpress:6-fpm", java.util.Optional.empty()).getSpec()
                .getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(new RedisNetworkPolicyDependent().desired(site, null).getSpec().getIngress().get(0).getFrom())
                .as("Redis: the WordPress pods, the install Job, wp-cron runs, the SSH server and the tool Jobs that replace this site's data")
                .hasSize(5).satisfies(peers -> {
                    assertThat(installer).containsAllEntriesOf(peers.get(1).getPodSelector().getMatchLabels());
                    assertThat(cron).containsAllEntriesOf(peers.get(2).getPodSelector().getMatchLabels());
                    assertThat(peers.get(3).getPodSelector().getMatchLabels())
                            .containsEntry("app.kubernetes.io/component", "ssh").containsEntry("app.kubernetes.io/instance", "blog");
                    assertThat(peers.get(4).getPodSelector().getMatchLabels())
                            .containsExactly(java.util.Map.entry("data.wpoven.io/blog", "true"));
                });
        NetworkPolicy db = new MariaDbNetworkPolicyDependent().desired(site, null);
        assertThat(db.getSpec().getIngress().get(0).getFrom().get(1).getPodSelector().getMatchLabels())
                .as("MariaDB: the install Job").isEqualTo(installer.entrySet().stream()
                        .filter(e -> !e.getKey().startsWith("app.kubernetes.io/managed-by") && !e.getKey().startsWith("app.kubernetes.io/part-of"))
                        .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
        assertThat(cron).as("MariaDB: wp-cron runs")
                .containsAllEntriesOf(db.getSpec().getIngress().get(0).getFrom().get(2).getPodSelector().getMatchLabels());
        assertThat(db.getSpec().getIngress().get(0).getFrom()).as("MariaDB: also the SSH server and the tool Jobs working on this site's data")
                .hasSize(5).element(4).satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsExactly(java.util.Map.entry("data.wpoven.io/blog", "true")));
        assertThat(db.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(Ports.MARIADB);
        assertThat(Dependents.mariadb(site).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(db.getSpec().getPodSelector().getMatchLabels());
    }

    @Test
    void varnishAdmitsTheProxyNotTheWorld() {
        NetworkPolicy p = Dependents.policy(new VarnishNetworkPolicyDependent(), site);
        var peers = p.getSpec().getIngress().get(0).getFrom();
        assertThat(peers).anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "proxy"));
        assertThat(peers).allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty());
    }

    @Test
    void ingressRoutesEveryDomainToTheProxyWithTls() {
        Ingress ingress = new SiteIngressDependent().desired(site, null);
        assertThat(ingress.getSpec().getRules()).extracting(r -> r.getHost())
                .containsExactly("blog.example.com", "www.blog.example.com");
        assertThat(ingress.getSpec().getRules()).allSatisfy(r -> assertThat(
                r.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo("blog-proxy"));
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("blog-tls"));
        site.getSpec().getTls().setEnabled(false);
        assertThat(new SiteIngressDependent().desired(site, null).getSpec().getTls()).isEmpty();
    }

    @Test
    void certificateCoversAllDomainsWithTheOperatorsIssuerUnlessTheSiteNamesOne() {
        SiteCertificateDependent dep = new SiteCertificateDependent();
        dep.config = TestSites.config();
        var cert = dep.desired(site, null);
        assertThat(cert.getSpec().getDnsNames()).containsExactly("blog.example.com", "www.blog.example.com");
        assertThat(cert.getSpec().getSecretName()).isEqualTo("blog-tls");
        assertThat(cert.getSpec().getIssuerRef().getName()).isEqualTo("test-issuer");
        assertThat(cert.getSpec().getDuration()).as("the issuer's default").isNull();
        assertThat(cert.getSpec().getRenewBefore()).as("cert-manager's default").isNull();
    }

    @Test
    void certificateLifetimeAndRenewalComeFromTheSpec() throws Exception {
        SiteCertificateDependent dep = new SiteCertificateDependent();
        dep.config = TestSites.config();
        site.getSpec().getTls().setDuration("2h");
        site.getSpec().getTls().setRenewBefore("1h59m30s");
        var cert = dep.desired(site, null);
        // written as cert-manager stores them (Go's format), so the matcher finds what it stored equal
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(cert.getSpec()))
                .contains("\"duration\":\"2h0m0s\"", "\"renewBefore\":\"1h59m30s\"");
        assertThat(SiteCertificateDependent.goDuration("720h")).contains("720h0m0s");
        assertThat(SiteCertificateDependent.goDuration("90m")).contains("1h30m0s");
        assertThat(SiteCertificateDependent.goDuration("45s")).contains("45s");
        assertThat(SiteCertificateDependent.goDuration("2m")).contains("2m0s");
    }

    @Test
    void hpaTargetsTheWordPressDeploymentWithinTheSpecBounds() {
        site.getSpec().getAutoscaling().setMinReplicas(2);
        site.getSpec().getAutoscaling().setMaxReplicas(9);
        site.getSpec().getAutoscaling().setTargetMemoryUtilizationPercentage(80);
        var hpa = new WordPressAutoscalerDependent().desired(site, null);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(Dependents.wordpress(site).getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName()).containsExactly("cpu", "memory");
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(hpa.getSpec().getBehavior().getScaleUp()).as("scale-up stays Kubernetes' default").isNull();
        site.getSpec().getAutoscaling().setScaleDownStabilizationSeconds(0);
        assertThat(new WordPressAutoscalerDependent().desired(site, null).getSpec().getBehavior().getScaleDown()
                .getStabilizationWindowSeconds()).isZero();
    }

    @Test
    void theContentClaimHasTheSpecsAccessModeAndClass() {
        var claim = new ContentClaimDependent().desired(site, null);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        site.getSpec().getStorage().setAccessMode(VolumeSpec.AccessMode.ReadWriteMany);
        site.getSpec().getStorage().setStorageClassName("wpoven-node-shared");
        claim = new ContentClaimDependent().desired(site, null);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("wpoven-node-shared");
    }

    @Test
    void volumesAreOwnedByTheSiteOnlyWhenTheyShouldGoWithIt() {
        assertThat(new ContentClaimDependent().desired(site, null).getMetadata().getOwnerReferences()).isEmpty();
        assertThat(Dependents.mariadb(site).getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        site.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        assertThat(new ContentClaimDependent().desired(site, null).getMetadata().getOwnerReferences())
                .singleElement().satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-blog"));
        assertThat(Dependents.mariadb(site).getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
    }

    @Test
    void everyObjectCarriesTheSelectorAndManagedByLabels() {
        Map<String, String> labels = new ProxyServiceDependent().desired(site, null).getMetadata().getLabels();
        assertThat(labels).containsEntry("app.kubernetes.io/managed-by", "wpoven-operator")
                .containsEntry("app.kubernetes.io/instance", "blog");
    }
}
