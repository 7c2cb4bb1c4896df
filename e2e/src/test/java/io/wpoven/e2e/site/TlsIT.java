package io.wpoven.e2e.site;

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
class TlsIT {

    @AfterAll
    static void removeCertManagerCrd() {
        CertManagerCrd.remove(Cluster.get().client());
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
