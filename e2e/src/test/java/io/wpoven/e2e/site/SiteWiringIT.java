package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;

/** The stack is wired the way the request flow needs it, as the cluster itself sees it. */
@E2eTest
class SiteWiringIT {

    @Test
    void everyServiceHasReadyEndpointsOfItsOwnComponent(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");

        Map<String, String> components = Map.of("blog-proxy", "proxy", "blog-varnish", "varnish", "blog-varnish-pods", "varnish",
                "blog-wordpress", "wordpress", "blog-redis", "redis", "blog-mariadb", "mariadb");
        components.forEach((service, component) -> {
            within(Duration.ofSeconds(30)).alias(service + " has ready endpoints").until(() -> {
                List<EndpointSlice> slices = ns.client().discovery().v1().endpointSlices().inNamespace(ns.name())
                        .withLabel("kubernetes.io/service-name", service).list().getItems();
                return slices.stream().flatMap(s -> s.getEndpoints().stream())
                        .anyMatch(e -> Boolean.TRUE.equals(e.getConditions().getReady()));
            });
            for (EndpointSlice slice : ns.client().discovery().v1().endpointSlices().inNamespace(ns.name())
                    .withLabel("kubernetes.io/service-name", service).list().getItems()) {
                assertThat(slice.getPorts()).as(service + " resolved its named target port").allSatisfy(p -> assertThat(p.getPort()).isPositive());
                for (var e : slice.getEndpoints()) {
                    Pod pod = ns.client().pods().inNamespace(ns.name()).withName(e.getTargetRef().getName()).get();
                    assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", component)
                            .containsEntry("app.kubernetes.io/instance", "blog");
                }
            }
        });
        Service proxy = ns.get(Service.class, "blog-proxy").get();
        assertThat(proxy.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
    }

    @Test
    void podsMountTheRenderedConfigAndGetSecretsOnlyByReference(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        ConfigMap config = ns.get(ConfigMap.class, "blog-config").get();
        Secret secret = ns.get(Secret.class, "blog-credentials").get();

        List<Pod> pods = ns.client().pods().inNamespace(ns.name()).withLabelNotIn("app.kubernetes.io/component", "installer", "cron").list().getItems();
        assertThat(pods).hasSize(6);
        for (Pod pod : pods) {
            PodSpec spec = pod.getSpec();
            var cm = spec.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
            assertThat(cm.getConfigMap().getName()).isEqualTo("blog-config");
            assertThat(cm.getConfigMap().getItems()).allSatisfy(i -> assertThat(config.getData()).containsKey(i.getKey()));
            for (Container c : spec.getContainers()) {
                assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getName()).isEqualTo(cm.getName()));
                for (var env : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
                        assertThat(secret.getData()).containsKey(env.getValueFrom().getSecretKeyRef().getKey());
                    } else if (env.getValue() != null) {
                        assertThat(env.getName()).doesNotContain("PASSWORD");
                        for (String value : secret.getData().values()) {
                            assertThat(env.getValue()).doesNotContain(new String(java.util.Base64.getDecoder().decode(value)));
                        }
                    }
                }
            }
        }
        for (String value : secret.getData().values()) {
            String plain = new String(java.util.Base64.getDecoder().decode(value));
            assertThat(config.getData().values()).allSatisfy(file -> assertThat(file).doesNotContain(plain));
        }
    }

    @Test
    void theNamespaceEnforcesRestrictedAndEveryPodIsAdmitted(TestNamespace ns) {
        assertThat(ns.client().namespaces().withName(ns.name()).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  replicas: 2\n");
        awaitReady(ns, "blog");
        assertThat(ns.client().pods().inNamespace(ns.name()).withLabelNotIn("app.kubernetes.io/component", "installer", "cron").list().getItems()).hasSize(7);
        boolean rejected = ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
                .anyMatch(e -> e.getMessage() != null && e.getMessage().contains("violates PodSecurity"));
        assertThat(rejected).as("no pod was rejected by Pod Security admission").isFalse();
    }

    @Test
    void databaseAndRedisAcceptOnlyTheSitesWordPressPodsAndDataJobs(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        Map<String, String> wordpressPods = Map.of("app.kubernetes.io/name", "wordpress",
                "app.kubernetes.io/instance", "blog", "app.kubernetes.io/component", "wordpress");
        for (String name : List.of("blog-mariadb", "blog-redis")) {
            NetworkPolicy p = ns.get(NetworkPolicy.class, name).get();
            assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(wordpressPods);
                // the install Job's pod (it installs WordPress into the database and empties Redis)
                assertThat(rule.getFrom().get(1).getPodSelector().getMatchLabels()).isEqualTo(Map.of(
                        "app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", "blog",
                        "app.kubernetes.io/component", "installer"));
                // the wp-cron runs (docs/wordpress-runtime.md)
                assertThat(rule.getFrom().get(2).getPodSelector().getMatchLabels()).isEqualTo(Map.of(
                        "app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", "blog",
                        "app.kubernetes.io/component", "cron"));
                // the site's SSH server (docs/ssh.md)
                assertThat(rule.getFrom().get(3).getPodSelector().getMatchLabels()).isEqualTo(Map.of(
                        "app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", "blog",
                        "app.kubernetes.io/component", "ssh"));
                // and the operator's tool Jobs that work on this site's data (backup, restore, staging copies; those
                // that replace it empty the object cache afterwards)
                assertThat(rule.getFrom()).hasSize(5).element(4).satisfies(peer -> assertThat(
                        peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("data.wpoven.io/blog", "true")));
            });
            var target = ns.client().pods().inNamespace(ns.name()).withLabels(p.getSpec().getPodSelector().getMatchLabels())
                    .list().getItems();
            assertThat(target).as(name + " policy selects its pods").hasSize(1);
        }
        NetworkPolicy varnish = ns.get(NetworkPolicy.class, "blog-varnish").get();
        assertThat(varnish.getSpec().getIngress().get(0).getFrom()).anySatisfy(peer ->
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "proxy"));
        // the backend only from its Varnish, the proxy only from the ingress namespaces (docs/network-policies.md)
        NetworkPolicy backend = ns.get(NetworkPolicy.class, "blog-wordpress").get();
        assertThat(backend.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", "varnish").containsEntry("app.kubernetes.io/instance", "blog")));
        assertThat(ns.client().pods().inNamespace(ns.name()).withLabels(backend.getSpec().getPodSelector().getMatchLabels())
                .list().getItems()).as("blog-wordpress policy selects the WordPress pod").hasSize(1);
        NetworkPolicy proxy = ns.get(NetworkPolicy.class, "blog-proxy").get();
        assertThat(proxy.getSpec().getIngress().get(0).getFrom()).singleElement().satisfies(peer -> assertThat(
                peer.getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly("ingress-nginx"));
        assertThat(ns.get(NetworkPolicy.class, "blog-egress").get()).as("egress is open unless asked for").isNull();
    }
}
