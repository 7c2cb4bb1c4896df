package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.wpoven.e2e.harness.Addons;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;

/**
 * TLS for real: cert-manager (hack/lib/addons/cert-manager.sh) issues the site's Certificate from its CA ClusterIssuer,
 * TLSReady follows the controller's status, the proxy then redirects HTTP that came through the Ingress to HTTPS and
 * sends HSTS, and a renewal (what `cmctl renew` does: the Issuing condition set by hand) replaces the certificate
 * while the site keeps answering. cert-manager's CRDs change what the operator makes for every site, so the class
 * runs alone and removes them at the end. Runs with WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
@Exclusive.AddonCrds
@Isolated
class RealTlsIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    private static final String SITE = "tlssite";
    private static final String DOMAIN = "tls.wpoven.test";
    private static final String ISSUER = "wpoven-local-ca";

    @BeforeAll
    static void certManager() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
        Addons.up("cert-manager");
    }

    @AfterAll
    static void removeCertManager() {
        if (RealNode.enabled()) {
            Addons.down("cert-manager");
        }
    }

    @Test
    void certManagerIssuesTheCertificateTheSiteRedirectsToHttpsAndARenewalKeepsItAnswering(TestNamespace ns)
            throws Exception {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite site = new RealSite(ns, SITE, DOMAIN);
        ns.applySiteYaml(RealSite.yaml(node, SITE, DOMAIN).replace("  wordpress: {image: ", "  wordpress: {cron: {enabled: false}, image: ")
                + "  tls: {issuerRef: {name: " + ISSUER + ", kind: ClusterIssuer}}\n");

        // issued by the controller: the Certificate's Ready comes from cert-manager, TLSReady and the URL from it
        var tls = within(READY).alias("site Ready and TLSReady").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "Ready") && Sites.isTrue(s, "TLSReady"));
        assertThat(tls.getStatus().getUrl()).isEqualTo("https://" + DOMAIN + "/");
        Certificate cert = ns.get(Certificate.class, SITE + "-tls").get();
        assertThat(cert.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).isEqualTo("Certificate is up to date and has not expired");
        });
        X509Certificate ca = caCertificate();
        X509Certificate issued = secretCertificate(ns);
        issued.verify(ca.getPublicKey());
        assertThat(issued.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).containsExactly(DOMAIN);

        // the proxy rolls with its new config: HTTP through the Ingress is redirected, HTTPS carries HSTS
        RawHttp.Response redirect = within(STEP).alias("HTTP redirected to HTTPS").until(
                () -> throughProxy(site, "/?p=1", "http"), r -> r.status() == 301);
        assertThat(redirect.header("Location")).isEqualTo("https://" + DOMAIN + "/?p=1");
        RawHttp.Response page = throughProxy(site, "/", "https");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(throughProxy(site, "/.well-known/acme-challenge/x", "http").status()).as("ACME challenges are not redirected")
                .isNotEqualTo(301);

        // renewal, as `cmctl renew` asks for it; the site answers all along
        BigInteger before = issued.getSerialNumber();
        AtomicBoolean renewing = new AtomicBoolean(true);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> asking = CompletableFuture.runAsync(() -> keepAsking(site, renewing, seen));
        within(STEP).alias("answers before the renewal").until(() -> seen.size() >= 3);
        ns.client().resources(Certificate.class).inNamespace(ns.name()).withName(SITE + "-tls").editStatus(c -> {
            c.getStatus().getConditions().add(new CertificateConditionBuilder().withType("Issuing").withStatus("True")
                    .withReason("ManuallyTriggered").withMessage("Certificate re-issuance manually triggered").build());
            return c;
        });
        X509Certificate renewed;
        try {
            renewed = within(STEP).alias("a new certificate in the Secret").until(() -> secretCertificate(ns),
                    c -> !c.getSerialNumber().equals(before));
            int atRenewal = seen.size();
            within(STEP).alias("answers after the renewal").until(() -> seen.size() >= atRenewal + 5);
        } finally {
            renewing.set(false);
        }
        asking.get();
        renewed.verify(ca.getPublicKey());
        assertThat(seen).as("answers before, during and after the renewal").hasSizeGreaterThanOrEqualTo(8)
                .allMatch(s -> s.equals("200"));
        within(STEP).alias("Certificate Ready again, TLSReady True").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "TLSReady"));
    }

    /** A page through the proxy Service, with the scheme the Ingress would report in X-Forwarded-Proto. */
    private static RawHttp.Response throughProxy(RealSite site, String target, String scheme) {
        return site.get(target, Map.entry("X-Forwarded-Proto", scheme));
    }

    /** Asks for the home page every 200 ms while the flag holds (at most 3 minutes): each answer's status. */
    private static void keepAsking(RealSite site, AtomicBoolean on, List<String> seen) {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (on.get() && System.nanoTime() < end) {
            try {
                seen.add(String.valueOf(throughProxy(site, "/", "https").status()));
            } catch (RuntimeException e) {
                seen.add(e.toString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** The CA the add-on's ClusterIssuer signs with, from the add-on's state beside the cluster's kubeconfig. */
    private static X509Certificate caCertificate() throws Exception {
        Path ca = Cluster.get().kubeconfig().getParent().resolve("addons/cert-manager/ca.crt");
        try (InputStream in = Files.newInputStream(ca)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static X509Certificate secretCertificate(TestNamespace ns) throws Exception {
        Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(SITE + "-tls").get();
        byte[] pem = Base64.getDecoder().decode(secret.getData().get("tls.crt"));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
