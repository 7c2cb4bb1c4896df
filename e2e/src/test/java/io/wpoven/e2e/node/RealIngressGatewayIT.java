package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wpoven.e2e.harness.Addons;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * A real site behind a real ingress controller (Traefik, hack/lib/addons/traefik.sh, on 127.0.0.1): served through
 * its Ingress (class traefik), whose status address the site reports, and through its HTTPRoute (spec.gateway) on a
 * Gateway of the platform's in another namespace. That Gateway admits routes only from namespaces carrying its label:
 * until the platform labels the site's namespace the site reports the route not accepted and the Gateway does not
 * serve it; then it is accepted and served. Runs with WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
class RealIngressGatewayIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    private static final String SITE = "ingressgateway";
    private static final String DOMAIN = "gateway.wpoven.test";
    /** The label the platform's Gateway admits routes by (its listener's allowedRoutes). */
    private static final String ACCESS = "gateway.wpoven.test/shared";
    private static boolean traefik;

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
        Addons.up("traefik");
        traefik = true;
    }

    /** Traefik answers for the IngressClass traefik and writes Ingress status: not left running for other tests. */
    @AfterAll
    static void stopTraefik() {
        if (traefik) {
            Addons.down("traefik");
        }
    }

    @Test
    void servedThroughItsIngressAndThroughAGatewayOnceThePlatformAdmitsItsNamespace(TestNamespace ns) {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        Map<String, Integer> ports = ports();
        TestNamespace platform = ns.sibling("gw");
        try {
            platform.applyRaw("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata:
                      name: shared
                    spec:
                      gatewayClassName: traefik
                      listeners:
                        - name: http
                          protocol: HTTP
                          port: %d
                          allowedRoutes:
                            namespaces:
                              from: Selector
                              selector: {matchLabels: {%s: granted}}
                    """.formatted(ports.get("gateway"), ACCESS));
            ns.applySiteYaml(RealSite.yaml(node, SITE, DOMAIN) + """
                      ingress: {className: traefik}
                      gateway: {enabled: true, name: shared, namespace: %s}
                    """.formatted(platform.name()));
            within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));

            // the Ingress: Traefik serves it and reports where (the site's status.address)
            RawHttp.Response page = within(STEP).alias("the home page through Traefik's Ingress entry point")
                    .until(() -> get(ports.get("web")), r -> r.status() == 200 && r.text().contains("Hello world!"));
            assertThat(page.text()).contains("<title>" + SITE);
            within(STEP).alias("the Ingress address in the site's status").until(() -> ns.site(SITE).get(),
                    s -> "127.0.0.1".equals(s.getStatus().getAddress()));
            assertThat(ns.get(Ingress.class, SITE).get().getStatus().getLoadBalancer().getIngress())
                    .extracting(lb -> lb.getIp()).containsExactly("127.0.0.1");

            // the HTTPRoute: made, but the Gateway does not admit routes from the site's namespace
            Condition refused = within(STEP).alias("GatewayRouteReady False: not allowed by the Gateway's listeners")
                    .until(() -> Sites.condition(ns.site(SITE).get(), "GatewayRouteReady"),
                            c -> c != null && "NotAllowedByListeners".equals(c.getReason()));
            assertThat(refused.getStatus()).isEqualTo("False");
            assertThat(refused.getMessage()).contains(platform.name() + "/shared").contains("namespace " + ns.name());
            assertThat(Sites.events(ns, SITE)).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("NotAllowedByListeners"));
            HTTPRoute route = ns.get(HTTPRoute.class, SITE).get();
            assertThat(route.getSpec().getHostnames()).containsExactly(DOMAIN);
            assertThat(get(ports.get("gateway")).status()).as("the Gateway does not serve a route it refused").isEqualTo(404);

            // the platform admits the namespace: accepted, and the Gateway serves the site
            ns.client().namespaces().withName(ns.name()).edit(n -> {
                Map<String, String> labels = new HashMap<>(n.getMetadata().getLabels());
                labels.put(ACCESS, "granted");
                n.getMetadata().setLabels(labels);
                return n;
            });
            WordPressSite accepted = within(STEP).alias("GatewayRouteReady True").until(() -> ns.site(SITE).get(),
                    s -> Sites.isTrue(s, "GatewayRouteReady"));
            assertThat(Sites.condition(accepted, "GatewayRouteReady").getReason()).isEqualTo("Accepted");
            assertThat(Sites.condition(accepted, "GatewayRouteReady").getMessage()).contains("traefik.io/gateway-controller");
            RawHttp.Response viaGateway = within(STEP).alias("the home page through the Gateway")
                    .until(() -> get(ports.get("gateway")), r -> r.status() == 200 && r.text().contains("Hello world!"));
            assertThat(viaGateway.text()).contains("<title>" + SITE);
        } finally {
            platform.delete();
        }
    }

    /** A GET to one of Traefik's entry points on 127.0.0.1 for the site's domain. */
    private static RawHttp.Response get(int port) {
        return RawHttp.exchange("127.0.0.1", port, RawHttp.request("GET", "/", List.of(Map.entry("Host", DOMAIN),
                Map.entry("User-Agent", "wpoven-e2e")), null), false, HTTP_TIMEOUT);
    }

    /** Traefik's ports (hack/lib/addons/traefik.sh writes them beside the cluster's kubeconfig). */
    private static Map<String, Integer> ports() {
        Path file = Cluster.get().kubeconfig().getParent().resolve("addons/traefik/ports");
        try {
            Map<String, Integer> ports = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                String[] kv = line.split("=", 2);
                ports.put(kv[0], Integer.parseInt(kv[1].trim()));
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
