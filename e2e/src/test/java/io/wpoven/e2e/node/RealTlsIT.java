package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import io.fabric8.certmanager.api.model.v1.Certificate;
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
 * TLSReady follows the controller's status, Traefik (hack/lib/addons/traefik.sh) serves the site's Ingress over HTTPS
 * with that certificate (checked as `curl --cacert ca.crt --resolve domain:port:127.0.0.1` does: SNI and trust in the
 * CA only), the proxy redirects HTTP that came through the Ingress to HTTPS and sends HSTS, and a short-lived
 * certificate (spec.tls.renewBefore: renewed 30 s after each issuance) is renewed by cert-manager and replaces the
 * certificate Traefik presents while the site keeps answering over HTTPS. cert-manager's CRDs change what the operator makes for every site, so the class
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
    static void certManagerAndTraefik() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
        Addons.up("traefik");
        Addons.up("cert-manager");
    }

    /** cert-manager's CRDs change what the operator makes for every site; Traefik is not left running either. */
    @AfterAll
    static void removeCertManagerAndTraefik() {
        if (RealNode.enabled()) {
            Addons.down("cert-manager");
            Addons.down("traefik");
        }
    }

    @Test
    void certManagerIssuesTheCertificateTheSiteRedirectsToHttpsAndARenewalKeepsItAnswering(TestNamespace ns)
            throws Exception {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        ns.applySiteYaml(RealSite.yaml(node, SITE, DOMAIN).replace("  wordpress: {image: ", "  wordpress: {cron: {enabled: false}, image: ")
                + "  ingress: {className: traefik}\n"
                // a certificate cert-manager renews by itself 30 s after each issuance (duration at its 1h minimum
                // and more; the renewal window opens at notAfter - renewBefore): the path an expiring one takes
                + "  tls: {issuerRef: {name: " + ISSUER + ", kind: ClusterIssuer}, duration: 2h, renewBefore: 1h59m30s}\n");
        Map<String, Integer> ports = traefikPorts();
        int https = ports.get("websecure");

        // issued by the controller: the Certificate's Ready comes from cert-manager, TLSReady and the URL from it
        var tls = within(READY).alias("site Ready and TLSReady").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "Ready") && Sites.isTrue(s, "TLSReady"));
        assertThat(tls.getStatus().getUrl()).isEqualTo("https://" + DOMAIN + "/");
        Certificate cert = within(STEP).alias("the Certificate Ready by cert-manager").until(
                () -> ns.get(Certificate.class, SITE + "-tls").get(), c -> c.getStatus().getConditions().stream()
                        .anyMatch(k -> "Ready".equals(k.getType()) && "True".equals(k.getStatus())
                                && "Certificate is up to date and has not expired".equals(k.getMessage())));
        assertThat(cert.getSpec().getDuration().getDuration()).isEqualTo(Duration.ofHours(2));
        X509Certificate ca = caCertificate();
        X509Certificate issued = secretCertificate(ns);
        issued.verify(ca.getPublicKey());
        assertThat(issued.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).containsExactly(DOMAIN);

        // HTTPS through Traefik presents that certificate; once the proxy has rolled with its new config, HTTP
        // through Traefik is redirected to HTTPS and HTTPS pages carry HSTS
        Https page = within(STEP).alias("HTTPS through Traefik with the issued certificate and HSTS").until(
                () -> httpsOrNull(ca, https, "/"), r -> r != null && r.presented().getSerialNumber().equals(currentSerial(ns))
                        && r.response().status() == 200 && r.response().header("Strict-Transport-Security") != null);
        assertThat(page.response().header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        RawHttp.Response redirect = overHttp(ports.get("web"), "/?p=1");
        assertThat(redirect.status()).as(redirect.toString()).isEqualTo(301);
        assertThat(redirect.header("Location")).isEqualTo("https://" + DOMAIN + "/?p=1");
        assertThat(overHttp(ports.get("web"), "/.well-known/acme-challenge/x").status()).as("ACME challenges are not redirected")
                .isNotEqualTo(301);
        assertThat(ns.site(SITE).get().getStatus().getAddress()).as("the address Traefik published").isEqualTo("127.0.0.1");

        // the renewal cert-manager schedules by itself; the site answers all along
        BigInteger before = secretCertificate(ns).getSerialNumber();
        AtomicBoolean renewing = new AtomicBoolean(true);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> asking = CompletableFuture.runAsync(() -> keepAsking(ca, https, renewing, seen));
        within(STEP).alias("answers before the renewal").until(() -> seen.size() >= 3);
        X509Certificate renewed;
        try {
            renewed = within(STEP).alias("a new certificate in the Secret").until(() -> secretCertificate(ns),
                    c -> !c.getSerialNumber().equals(before));
            String served = "200 " + renewed.getSerialNumber().toString(16);
            within(STEP).alias("Traefik presents the new certificate").until(() -> seen.contains(served));
            int atSwitch = seen.size();
            within(STEP).alias("answers after the switch").until(() -> seen.size() >= atSwitch + 3);
        } finally {
            renewing.set(false);
        }
        asking.get();
        renewed.verify(ca.getPublicKey());
        assertThat(seen).as("HTTPS answers (status, serial) before, during and after the renewal")
                .hasSizeGreaterThanOrEqualTo(6).allMatch(s -> s.startsWith("200 "));
        within(STEP).alias("Certificate Ready again, TLSReady True").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "TLSReady"));
    }

    /** The certificate Traefik presented and its answer. */
    record Https(X509Certificate presented, RawHttp.Response response) {
    }

    /**
     * A GET over HTTPS to Traefik on 127.0.0.1 as `curl --cacert ca.crt --resolve domain:port:127.0.0.1` sends it:
     * SNI and Host the site's domain, only the add-on's CA trusted, the name checked against the certificate.
     */
    private static Https https(X509Certificate ca, int port, String target) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            tcp.setSoTimeout((int) HTTP_TIMEOUT.toMillis());
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(tcp, DOMAIN, port, false)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(DOMAIN)));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                socket.getOutputStream().write(RawHttp.request("GET", target, List.of(Map.entry("Host", DOMAIN),
                        Map.entry("User-Agent", "wpoven-e2e")), null));
                socket.getOutputStream().flush();
                return new Https(presented, RawHttp.read(socket.getInputStream(), false));
            }
        }
    }

    /** null while Traefik does not serve the site's certificate yet (its default one fails the CA and name checks). */
    private static Https httpsOrNull(X509Certificate ca, int port, String target) {
        try {
            return https(ca, port, target);
        } catch (Exception notYet) {
            return null;
        }
    }

    /** A GET over plain HTTP to Traefik on 127.0.0.1. */
    private static RawHttp.Response overHttp(int port, String target) {
        return RawHttp.exchange("127.0.0.1", port, RawHttp.request("GET", target, List.of(Map.entry("Host", DOMAIN),
                Map.entry("User-Agent", "wpoven-e2e")), null), false, HTTP_TIMEOUT);
    }

    /**
     * Asks for the home page over HTTPS every 200 ms while the flag holds (at most 3 minutes): each answer's status
     * and the serial of the certificate presented, or the error.
     */
    private static void keepAsking(X509Certificate ca, int port, AtomicBoolean on, List<String> seen) {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (on.get() && System.nanoTime() < end) {
            try {
                Https answer = https(ca, port, "/");
                seen.add(answer.response().status() + " " + answer.presented().getSerialNumber().toString(16));
            } catch (Exception e) {
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

    /** Traefik's ports (hack/lib/addons/traefik.sh writes them beside the cluster's kubeconfig). */
    private static Map<String, Integer> traefikPorts() throws IOException {
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Cluster.get().kubeconfig().getParent().resolve("addons/traefik/ports"))) {
            String[] kv = line.split("=", 2);
            ports.put(kv[0], Integer.parseInt(kv[1].trim()));
        }
        return ports;
    }

    /** The CA the add-on's ClusterIssuer signs with, from the add-on's state beside the cluster's kubeconfig. */
    private static X509Certificate caCertificate() throws Exception {
        Path ca = Cluster.get().kubeconfig().getParent().resolve("addons/cert-manager/ca.crt");
        try (InputStream in = Files.newInputStream(ca)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The serial of the certificate in the site's Secret now (cert-manager replaces it every 30 s here). */
    private static BigInteger currentSerial(TestNamespace ns) {
        try {
            return secretCertificate(ns).getSerialNumber();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate secretCertificate(TestNamespace ns) throws Exception {
        Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(SITE + "-tls").get();
        byte[] pem = Base64.getDecoder().decode(secret.getData().get("tls.crt"));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
