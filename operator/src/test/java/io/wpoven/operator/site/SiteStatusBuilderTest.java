package io.wpoven.operator.site;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.api.v1alpha1.spec.VolumeSpec;
import io.wpoven.operator.site.SiteStatusBuilder.Observed;

class SiteStatusBuilderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static StatefulSet db(int ready) {
        return new StatefulSetBuilder().withNewMetadata().withGeneration(1L).endMetadata()
                .withNewStatus().withObservedGeneration(1L).withReadyReplicas(ready).withCurrentRevision("r1")
                .withUpdateRevision("r1").endStatus().build();
    }

    private static Deployment deploy(int replicas, int ready) {
        return deploy(1, 1, replicas, replicas, ready);
    }

    private static Deployment deploy(long generation, long observed, int replicas, int updated, int ready) {
        return new DeploymentBuilder().withNewMetadata().withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).endStatus().build();
    }

    private static Observed all(Deployment wordpress) {
        return new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)), Optional.of(wordpress),
                Optional.of(deploy(1, 1)), Optional.of(db(1)), installed(), false, Optional.empty(), null);
    }

    private static Optional<Job> installed() {
        return Optional.of(new JobBuilder().withNewMetadata().withName("blog-install").endMetadata()
                .withNewStatus().withSucceeded(1).endStatus().build());
    }

    private static Condition condition(WordPressSiteStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private final SiteStatusBuilder builder = new SiteStatusBuilder(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void readyWhenEveryComponentIsReadyWithTlsReportedUnavailableWithoutCertManager() {
        WordPressSite site = site("blog", "blog.example.com");
        WordPressSiteStatus status = builder.build(site, all(deploy(1, 1)));
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(condition(status, "TLSReady").getStatus()).isEqualTo("False");
        assertThat(condition(status, "TLSReady").getReason()).isEqualTo("CertManagerNotInstalled");
        assertThat(status.getUrl()).isEqualTo("http://blog.example.com/");
        assertThat(status.getSelector()).isEqualTo(
                "app.kubernetes.io/name=wordpress,app.kubernetes.io/instance=blog,app.kubernetes.io/component=wordpress");
    }

    @Test
    void notReadyUntilTheInstallJobSucceededThenTheLoginIsInStatus() {
        WordPressSite site = site("blog", "blog.example.com");
        Job running = new JobBuilder().withNewMetadata().withName("blog-install").endMetadata().withNewStatus()
                .withActive(1).endStatus().build();
        WordPressSiteStatus installing = builder.build(site, new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, 1)), Optional.of(deploy(1, 1)), Optional.of(db(1)), Optional.of(running), false,
                Optional.empty(), null));
        assertThat(condition(installing, "WebReady").getReason()).isEqualTo("Installing");
        assertThat(condition(installing, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(installing, "Degraded").getStatus()).as("installing is progress").isEqualTo("False");
        assertThat(installing.getAdmin()).isNull();

        Job failed = new JobBuilder().withNewMetadata().withName("blog-install").endMetadata().withNewStatus().withFailed(3)
                .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").endCondition()
                .endStatus().build();
        WordPressSiteStatus broken = builder.build(site, new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, 1)), Optional.of(deploy(1, 1)), Optional.of(db(1)), Optional.of(failed), false,
                Optional.empty(), null));
        assertThat(condition(broken, "WebReady").getReason()).isEqualTo("InstallFailed");
        assertThat(condition(broken, "WebReady").getMessage()).contains("blog-install", "BackoffLimitExceeded",
                "delete the Job");
        assertThat(condition(broken, "Degraded").getStatus()).isEqualTo("True");

        WordPressSiteStatus ready = builder.build(site, all(deploy(1, 1)));
        assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
        assertThat(ready.getAdmin().getLoginUrl()).isEqualTo("http://blog.example.com/wp-login.php");
        assertThat(ready.getAdmin().getUsername()).isEqualTo("admin");
        assertThat(ready.getAdmin().getPasswordSecret()).isEqualTo("blog-credentials");
        assertThat(ready.getAdmin().getPasswordKey()).isEqualTo("wordpress-admin-password");
    }

    @Test
    void aComponentWithUnreadyPodsShowsInItsConditionAndInReady() {
        WordPressSite site = site("blog", "blog.example.com");
        Observed redisDown = new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, 0)), Optional.of(db(1)), installed(), false, Optional.empty(), null);
        WordPressSiteStatus status = builder.build(site, redisDown);
        assertThat(condition(status, "CacheReady").getStatus()).isEqualTo("False");
        assertThat(condition(status, "CacheReady").getMessage()).contains("Redis: 0/1 pods ready");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("Not ready: CacheReady");
        assertThat(condition(status, "Degraded").getStatus()).as("not ready while nothing rolls out").isEqualTo("True");
        assertThat(condition(status, "WebReady").getStatus()).isEqualTo("True");
    }

    @Test
    void aRolloutIsProgressingNotDegraded() {
        WordPressSite site = site("blog", "blog.example.com");
        WordPressSiteStatus status = builder.build(site, all(deploy(2, 1, 1, 0, 1)));
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "WebReady").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void severalReplicasOnReadWriteOnceStorageAreReportedAsDegraded() {
        WordPressSite site = site("blog", "blog.example.com");
        site.getSpec().setReplicas(3);
        WordPressSiteStatus status = builder.build(site, all(deploy(3, 3)));
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("ReadWriteManyRequired");
        site.getSpec().getStorage().setAccessMode(VolumeSpec.AccessMode.ReadWriteMany);
        assertThat(condition(builder.build(site, all(deploy(3, 3))), "Degraded").getStatus()).isEqualTo("False");
    }

    private static Observed withIngress(Ingress ingress, SiteIssuer missingIssuer, boolean certManager) {
        return new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, 1)), Optional.of(db(1)), installed(), certManager, Optional.empty(), null)
                .exposed(Optional.ofNullable(ingress), missingIssuer);
    }

    @Test
    void theIngressAddressIsInStatusOnceTheControllerReportsIt() {
        WordPressSite site = site("blog", "blog.example.com");
        Ingress pending = new IngressBuilder().withNewMetadata().withName("blog").endMetadata().build();
        assertThat(builder.build(site, withIngress(pending, null, false)).getAddress()).isNull();
        assertThat(builder.build(site, withIngress(null, null, false)).getAddress()).isNull();

        Ingress published = new IngressBuilder(pending).withNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.10").endIngress()
                .addNewIngress().withHostname("lb-1234.elb.example.net").endIngress()
                .addNewIngress().withIp("203.0.113.10").endIngress()
                .endLoadBalancer().endStatus().build();
        WordPressSiteStatus status = builder.build(site, withIngress(published, null, false));
        assertThat(status.getAddress()).isEqualTo("203.0.113.10,lb-1234.elb.example.net");
        assertThat(status).as("a new address is a status change").isNotEqualTo(builder.build(site, withIngress(pending, null, false)));
    }

    @Test
    void aMissingIssuerIsNamedInTlsReady() {
        WordPressSite site = site("blog", "blog.example.com");
        WordPressSiteStatus status = builder.build(site, withIngress(null, new SiteIssuer("ClusterIssuer", "letsencrypt", null), true));
        Condition tls = condition(status, "TLSReady");
        assertThat(tls.getStatus()).isEqualTo("False");
        assertThat(tls.getReason()).isEqualTo("IssuerNotFound");
        assertThat(tls.getMessage()).startsWith("ClusterIssuer letsencrypt not found").contains("spec.tls.issuerRef");
        assertThat(status.getUrl()).isEqualTo("http://blog.example.com/");

        Condition namespaced = condition(builder.build(site, withIngress(null, new SiteIssuer("Issuer", "lab", "shop"), true)),
                "TLSReady");
        assertThat(namespaced.getMessage()).startsWith("Issuer shop/lab not found");
    }

    @Test
    void anIssuedCertificateMakesTheUrlHttps() {
        WordPressSite site = site("blog", "blog.example.com");
        Certificate cert = new CertificateBuilder().withNewStatus().addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build();
        Observed o = new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, 1)), Optional.of(db(1)), installed(), true, Optional.of(cert), null);
        WordPressSiteStatus status = builder.build(site, o);
        assertThat(condition(status, "TLSReady").getStatus()).isEqualTo("True");
        assertThat(status.getUrl()).isEqualTo("https://blog.example.com/");
    }

    @Test
    void aReconcileErrorIsDegradedWithTheMessage() {
        WordPressSite site = site("blog", "blog.example.com");
        Observed o = new Observed(Optional.of(deploy(2, 2)), Optional.of(deploy(1, 1)), Optional.of(deploy(1, 1)),
                Optional.of(deploy(1, 1)), Optional.of(db(1)), installed(), false, Optional.empty(), "PVC shrink is forbidden");
        Condition degraded = condition(builder.build(site, o), "Degraded");
        assertThat(degraded.getReason()).isEqualTo("ReconcileError");
        assertThat(degraded.getMessage()).isEqualTo("PVC shrink is forbidden");
        Condition ready = condition(builder.build(site, o), "Ready");
        assertThat(ready.getStatus()).as("a generation that could not be applied is not Ready").isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("ReconcileError");
    }

    @Test
    void everyConditionCarriesTheGenerationItDescribes() {
        WordPressSite site = site("blog", "blog.example.com");
        site.getMetadata().setGeneration(7L);
        WordPressSiteStatus status = builder.build(site, all(deploy(1, 1)));
        assertThat(status.getObservedGeneration()).isEqualTo(7L);
        assertThat(status.getConditions()).extracting(Condition::getObservedGeneration).containsOnly(7L);
    }

    @Test
    void anUnchangedSiteGivesAnEqualStatusSoNothingIsWritten() {
        WordPressSite site = site("blog", "blog.example.com");
        WordPressSiteStatus first = builder.build(site, all(deploy(1, 1)));
        site.setStatus(first);
        WordPressSiteStatus later = new SiteStatusBuilder(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .build(site, all(deploy(1, 1)));
        assertThat(later).isEqualTo(first);
    }

    @Test
    void transitionTimeMovesOnlyForTheConditionThatFlipped() {
        WordPressSite site = site("blog", "blog.example.com");
        site.setStatus(builder.build(site, all(deploy(1, 1))));
        WordPressSiteStatus later = new SiteStatusBuilder(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
                .build(site, all(deploy(1, 0)));
        assertThat(condition(later, "WebReady").getLastTransitionTime()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(condition(later, "DatabaseReady").getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void scaledToZeroIsNotReadyButNotAnError() {
        WordPressSite site = site("blog", "blog.example.com");
        site.getSpec().setReplicas(0);
        WordPressSiteStatus status = builder.build(site, all(deploy(0, 0)));
        assertThat(condition(status, "WebReady").getReason()).isEqualTo("ScaledToZero");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void aRefusedSiteIsNotReadyWithTheRefusalAsReason() {
        WordPressSite site = io.wpoven.operator.support.TestSites.site("blog", "blog.example.com");
        WordPressSiteStatus status = builder.build(site, new Observed(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), null)
                .refused(new SitePolicy.Refusal("ImageNotAllowed", "Images not allowed by the platform: spec.web.image (x)")));
        assertThat(status.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ImageNotAllowed");
            assertThat(c.getMessage()).contains("spec.web.image");
        });
        assertThat(SiteStatusBuilder.isRefusal("ImageNotAllowed")).isTrue();
    }
}
