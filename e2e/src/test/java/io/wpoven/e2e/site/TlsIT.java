package io.wpoven.e2e.site;

import org.junit.jupiter.api.parallel.Isolated;
import io.wpoven.e2e.harness.Exclusive;
import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.condition;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wpoven.e2e.harness.CertManagerCrd;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** With cert-manager's Certificate API in the cluster, a site gets a Certificate and reports its readiness. */
@E2eTest
@Exclusive.AddonCrds
@Isolated
class TlsIT {

    @AfterAll
    static void removeCertManagerCrd() {
        CertManagerCrd.remove(Cluster.get().client());
        CertManagerCrd.removeIssuers(Cluster.get().client());
    }

    /**
     * A site naming an Issuer that does not exist says so in TLSReady (IssuerNotFound, with the Issuer's name),
     * and moves on by itself once the Issuer is created.
     */
    @Test
    void aMissingIssuerIsNamedUntilItIsCreated(TestNamespace ns) {
        CertManagerCrd.install(ns.client());
        CertManagerCrd.installIssuers(ns.client());
        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  tls: {issuerRef: {name: lab, kind: Issuer}}\n");

        WordPressSite site = within(Duration.ofSeconds(60)).alias("TLSReady IssuerNotFound").until(() -> ns.site("blog").get(),
                s -> s.getStatus() != null && s.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("TLSReady"))
                        && "IssuerNotFound".equals(condition(s, "TLSReady").getReason()));
        assertThat(condition(site, "TLSReady").getStatus()).isEqualTo("False");
        assertThat(condition(site, "TLSReady").getMessage()).startsWith("Issuer " + ns.name() + "/lab not found");
        assertThat(site.getStatus().getUrl()).as("served over HTTP meanwhile").startsWith("http://");

        ns.applyRaw("""
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: lab
                spec:
                  selfSigned: {}
                """);
        within(Duration.ofSeconds(75)).alias("TLSReady past IssuerNotFound once the Issuer exists").until(() ->
                condition(ns.site("blog").get(), "TLSReady").getReason(), r -> r.equals("Creating") || r.equals("Issuing"));
    }

    /** What an ingress controller publishes on the site's Ingress shows in the site's status (and its Address column). */
    @Test
    void theIngressAddressIsInTheSiteStatus(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        Ingress ingress = within(Duration.ofSeconds(60)).alias("Ingress created")
                .until(() -> ns.get(Ingress.class, "blog").get(), i -> i != null);
        assertThat(ns.site("blog").get().getStatus() == null ? null : ns.site("blog").get().getStatus().getAddress())
                .as("no address before a controller publishes one").isNull();

        // what an ingress controller does once its load balancer is there
        ingress.setStatus(new io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.10").endIngress().endLoadBalancer().build());
        ns.client().resource(ingress).updateStatus();

        within(Duration.ofSeconds(30)).alias("status.address").until(() -> java.util.Optional.ofNullable(
                ns.site("blog").get().getStatus()).map(s -> s.getAddress()).orElse(""), "203.0.113.10"::equals);
        String wide = io.wpoven.e2e.harness.Cli.kubectl("get", "wps", "blog", "-n", ns.name(), "-o", "wide").orThrow().out();
        assertThat(wide.lines().findFirst().orElseThrow()).contains("ADDRESS");
        assertThat(wide).contains("203.0.113.10");
    }

    @Test
    void aSiteGetsACertificateForAllItsDomainsAndHttpsOnceIssued(TestNamespace ns) {
        CertManagerCrd.install(ns.client());
        ns.applySiteYaml(minimal("blog", "blog.example.com, www.blog.example.com")
                + "  tls: {issuerRef: {name: team-issuer, kind: Issuer}}\n");

        Certificate cert = within(Duration.ofSeconds(60)).alias("Certificate created")
                .until(() -> ns.get(Certificate.class, "blog-tls").get(), c -> c != null);
        assertThat(cert.getSpec().getDnsNames()).containsExactly("blog.example.com", "www.blog.example.com");
        assertThat(cert.getSpec().getSecretName()).isEqualTo("blog-tls");
        assertThat(cert.getSpec().getIssuerRef().getName()).isEqualTo("team-issuer");
        assertThat(cert.getSpec().getIssuerRef().getKind()).isEqualTo("Issuer");
        assertThat(cert.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getKind()).isEqualTo("WordPressSite"));
        Ingress ingress = within(Duration.ofSeconds(30)).alias("Ingress created")
                .until(() -> ns.get(Ingress.class, "blog").get(), i -> i != null);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getSecretName()).isEqualTo("blog-tls"));

        WordPressSite site = awaitReady(ns, "blog");
        assertThat(condition(site, "TLSReady").getStatus()).isEqualTo("False");
        assertThat(condition(site, "TLSReady").getReason()).isIn("Creating", "Issuing");
        assertThat(site.getStatus().getUrl()).startsWith("http://");

        // what cert-manager does once the certificate is issued
        cert.setStatus(new io.fabric8.certmanager.api.model.v1.CertificateStatusBuilder()
                .withConditions(new CertificateConditionBuilder().withType("Ready").withStatus("True")
                        .withReason("Ready").withMessage("Certificate is up to date and has not expired").build())
                .build());
        ns.client().resource(cert).updateStatus();

        within(Duration.ofSeconds(30)).alias("TLSReady=True and an https URL").until(() -> {
            WordPressSite s = ns.site("blog").get();
            return "True".equals(condition(s, "TLSReady").getStatus()) && s.getStatus().getUrl().equals("https://blog.example.com/");
        });
    }

    @Test
    void turningTlsOffRemovesTheCertificate(TestNamespace ns) {
        CertManagerCrd.install(ns.client());
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        within(Duration.ofSeconds(60)).alias("Certificate created").until(() -> ns.get(Certificate.class, "blog-tls").get() != null);

        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  tls: {enabled: false}\n");
        within(Duration.ofSeconds(30)).alias("Certificate removed").until(() -> ns.get(Certificate.class, "blog-tls").get() == null);
        WordPressSite site = awaitReady(ns, "blog");
        assertThat(condition(site, "TLSReady").getReason()).isEqualTo("Disabled");
        assertThat(ns.get(Ingress.class, "blog").get().getSpec().getTls()).isEmpty();
    }
}
