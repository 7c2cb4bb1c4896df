package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.wpoven.e2e.harness.Addons;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;

/**
 * The sites' NetworkPolicies enforced by a real engine (the kube-router add-on's firewall) on the real node. A site
 * behind basic auth (a staging copy, say) and two intruders: a pod labelled as another site's WordPress in the same
 * namespace, and a pod of another namespace labelled as the operator. Before the engine runs, the intruders reach the
 * site's MariaDB, Redis, backend (and read its pages there without the password), Varnish and proxy; with it, each of
 * those connections is refused, while the site's own WordPress pod still reaches its MariaDB and Redis, the site serves
 * through its proxy from the node (where this cluster's ingress controllers run) and the operator, in its own
 * namespace, still purges Varnish. With spec.security.egress Restricted the site's WordPress pod no longer reaches a pod
 * of another namespace, and the site still renders pages. The engine is stopped at the end and leaves no rule behind.
 * Runs with WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
class RealNetworkPoliciesIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final String SITE = "netpol";
    private static final String DOMAIN = "netpol.wpoven.test";
    /** What the probes connect to: the site's pods by component, and the port each listens on. */
    private static final Map<Component, Integer> PORTS = new LinkedHashMap<>(Map.of());

    static {
        PORTS.put(Component.DATABASE, 3306);
        PORTS.put(Component.REDIS, 6379);
        PORTS.put(Component.WORDPRESS, 8081);
        PORTS.put(Component.VARNISH, 6081);
        PORTS.put(Component.PROXY, 8080);
    }

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void anotherSitesPodsReachNothingOfTheSiteOnceTheEngineEnforces(TestNamespace ns) {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        TestNamespace elsewhere = ns.sibling("other");
        try {
            node.sendPodsHere(elsewhere);
            RealSite site = new RealSite(ns, SITE, DOMAIN);
            String yaml = RealSite.yaml(node, SITE, DOMAIN)
                    .replace("  wordpress: {image: ", "  wordpress: {cron: {enabled: false}, image: ")
                    + "  access: {basicAuth: true}\n";
            ns.applySiteYaml(yaml);
            // an intruder in the site's namespace dressed as another site's WordPress, one elsewhere as the operator
            clientPod(ns, "intruder", "{app.kubernetes.io/name: wordpress, app.kubernetes.io/instance: other,"
                    + " app.kubernetes.io/component: wordpress}", node.image("wordpress"));
            // (both also listen on 8080: the egress check connects to the one elsewhere)
            clientPod(elsewhere, "impostor", "{app.kubernetes.io/name: wpoven-operator}", node.image("wordpress"));
            within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));
            for (TestNamespace n : new TestNamespace[] { ns, elsewhere }) {
                within(STEP).alias("client container running in " + n.name()).until(() -> n.client().pods().inNamespace(n.name())
                        .withName(n == ns ? "intruder" : "impostor").get(), p -> p != null && p.getStatus().getContainerStatuses()
                        .stream().anyMatch(c -> "client".equals(c.getName()) && c.getState().getRunning() != null));
            }
            Map<Component, String> ips = new LinkedHashMap<>();
            PORTS.keySet().forEach(c -> ips.put(c, site.pod(c).getStatus().getPodIP()));
            String user = secret(ns, SITE + "-basic-auth", "username");
            String password = secret(ns, SITE + "-basic-auth", "password");

            // no engine: NetworkPolicies are only objects, every connection passes, the backend serves without a password
            for (Map.Entry<Component, Integer> target : PORTS.entrySet()) {
                assertThat(connect(ns, "intruder", ips.get(target.getKey()), target.getValue()))
                        .as("unenforced: intruder to " + target.getKey().label()).isEqualTo("open");
            }
            assertThat(connect(elsewhere, "impostor", ips.get(Component.VARNISH), 6081)).as("unenforced: impostor to Varnish")
                    .isEqualTo("open");
            assertThat(backendGet(ns, "intruder", ips.get(Component.WORDPRESS))).as("unenforced: the backend bypasses basic auth")
                    .startsWith("HTTP/1.1 200");

            try {
                Addons.up("kube-router");
                // the same connections, refused
                for (Map.Entry<Component, Integer> target : PORTS.entrySet()) {
                    within(STEP).alias("intruder refused by " + target.getKey().label())
                            .until(() -> connect(ns, "intruder", ips.get(target.getKey()), target.getValue()), r -> !r.equals("open"));
                }
                assertThat(connect(elsewhere, "impostor", ips.get(Component.VARNISH), 6081))
                        .as("a pod labelled as the operator outside the operator's namespace").isNotEqualTo("open");
                assertThat(connect(elsewhere, "impostor", ips.get(Component.DATABASE), 3306)).isNotEqualTo("open");
                assertThat(backendGet(ns, "intruder", ips.get(Component.WORDPRESS))).as("the basic-auth site's backend")
                        .doesNotStartWith("HTTP/1.1 200");

                // the site's own pods and paths still work: the engine filters, the network is not broken
                assertThat(inWordPress(site, probe(ips.get(Component.DATABASE), 3306)))
                        .as("WordPress to its MariaDB").isEqualTo("open");
                assertThat(inWordPress(site, probe(ips.get(Component.REDIS), 6379)))
                        .as("WordPress to its Redis").isEqualTo("open");
                RawHttp.Response denied = site.get("/");
                assertThat(denied.status()).as("through the proxy without the password").isEqualTo(401);
                RawHttp.Response page = site.get("/", Map.entry("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
                assertThat(page.status()).as("through the proxy with the password (proxy, Varnish, backend)").isEqualTo(200);
                assertThat(page.text()).contains("</html>");

                // the operator, in its own namespace, still reaches Varnish: the one-click purge succeeds
                TestNamespace.edit(ns.client().resources(WordPressSite.class).inNamespace(ns.name()).withName(SITE), s -> {
                    if (s.getMetadata().getAnnotations() == null) {
                        s.getMetadata().setAnnotations(new HashMap<>());
                    }
                    s.getMetadata().getAnnotations().put("wpoven.io/purge-cache", "netpol-1");
                    return s;
                });
                WordPressSite purged = within(STEP).alias("cache purge answered").until(() -> ns.site(SITE).get(),
                        s -> s.getStatus().getCachePurge() != null && "netpol-1".equals(s.getStatus().getCachePurge().getRequest()));
                assertThat(purged.getStatus().getCachePurge().getOutcome()).as(purged.getStatus().getCachePurge().getMessage())
                        .isEqualTo("Succeeded");

                // egress: the site's pods reach a pod of another namespace until spec.security.egress is Restricted; then
                // they do not, and the site still renders pages (DNS on the node, its own MariaDB by Service name)
                String elsewhereIp = elsewhere.client().pods().inNamespace(elsewhere.name()).withName("impostor").get()
                        .getStatus().getPodIP();
                assertThat(inWordPress(site, probe(elsewhereIp, 8080)))
                        .as("open egress: WordPress to a pod of another namespace").isEqualTo("open");
                ns.applySiteYaml(yaml + "  security: {egress: Restricted}\n");
                within(STEP).alias("egress policy made").until(() -> ns.get(NetworkPolicy.class, SITE + "-egress").get() != null);
                within(STEP).alias("restricted egress: WordPress to a pod of another namespace refused").until(() -> inWordPress(site, probe(elsewhereIp, 8080)), r -> !r.equals("open"));
                RawHttp.Response rendered = site.get("/?s=netpol", Map.entry("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
                assertThat(rendered.status()).as("a search (WordPress and its database) with restricted egress: " + rendered).isEqualTo(200);
                assertThat(rendered.text()).contains("</html>");
            } finally {
                Addons.down("kube-router");
            }
            Commands.Result rules = Commands.run(Duration.ofSeconds(30), null, "iptables-save");
            assertThat(rules.out()).as("kube-router's rules after down").doesNotContain("KUBE-ROUTER", "KUBE-POD-FW-", "KUBE-NWPLCY-");
            assertThat(connect(ns, "intruder", ips.get(Component.WORDPRESS), 8081)).as("unenforced again").isEqualTo("open");
        } finally {
            elsewhere.delete();
        }
    }

    /** A pod with the given labels, as PSS restricted wants it, listening on 8080: the probes are run in it by exec. */
    private static void clientPod(TestNamespace ns, String name, String labels, String image) {
        ns.applyRaw("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: %s
                spec:
                  terminationGracePeriodSeconds: 0
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 33
                    runAsGroup: 33
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: client
                    image: %s
                    imagePullPolicy: Never
                    command: [sleep, infinity]
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities: {drop: [ALL]}
                  # accepts connections on 8080 and closes them: something for the egress check to reach
                  - name: listener
                    image: %s
                    imagePullPolicy: Never
                    command: [php, -r, "$s = stream_socket_server('tcp://0.0.0.0:8080', $errno, $error); if (!$s) { fwrite(STDERR, $error); exit(1); } while (true) { $c = @stream_socket_accept($s, 3600); if ($c) { fclose($c); } }"]
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities: {drop: [ALL]}
                """.formatted(name, labels, image, image));
    }

    /** PHP that connects to ip:port within 2 s and prints "open" or why not. */
    private static String probe(String ip, int port) {
        return "$s = @fsockopen('" + ip + "', " + port + ", $errno, $error, 2); echo $s ? 'open' : \"closed: $error\";";
    }

    private static String connect(TestNamespace ns, String pod, String ip, int port) {
        return exec(ns, pod, "php", "-r", probe(ip, port));
    }

    /** A GET of the site's home page straight from the backend's port, without a password: its status line. */
    private static String backendGet(TestNamespace ns, String pod, String ip) {
        return exec(ns, pod, "php", "-r", "$c = stream_context_create(['http' => ['timeout' => 3, 'ignore_errors' => true,"
                + " 'header' => 'Host: " + DOMAIN + "']]); @file_get_contents('http://" + ip + ":8081/', false, $c);"
                + " echo isset($http_response_header) ? $http_response_header[0] : 'no answer';");
    }

    /** PHP code in the site's WordPress pod: its output. */
    private static String inWordPress(RealSite site, String php) {
        return site.exec(Component.WORDPRESS, "php-fpm", "php", "-r", php);
    }

    /** A command in the client pod's client container: its output; it must exit 0. */
    private static String exec(TestNamespace ns, String pod, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = ns.client().pods().inNamespace(ns.name()).withName(pod).inContainer("client")
                .writingOutput(out).writingError(err).exec(command)) {
            Integer code = watch.exitCode().get(30, TimeUnit.SECONDS);
            assertThat(code).as(String.join(" ", command) + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("exec in " + pod + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    private static String secret(TestNamespace ns, String name, String key) {
        return new String(java.util.Base64.getDecoder().decode(ns.client().secrets().inNamespace(ns.name()).withName(name).get()
                .getData().get(key)), StandardCharsets.UTF_8);
    }
}
