package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static io.wpoven.operator.support.TestSites.withExporters;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.NginxStatus;
import io.wpoven.operator.config.PhpFpmPoolConfig;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.TestSites;

/** spec.monitoring: exporter sidecars, metrics ports on Services and policies, the ServiceMonitor. */
class ExportersTest {
    private final WordPressSite plain = site("blog", "blog.example.com");
    private final WordPressSite monitored = withExporters(site("blog", "blog.example.com"), true);

    static Map<String, PodTemplateSpec> templates(WordPressSite site) {
        return PodTemplatesTest.templates(site);
    }

    static List<String> containers(PodTemplateSpec t) {
        return t.getSpec().getContainers().stream().map(Container::getName).toList();
    }

    static Container container(PodTemplateSpec t, String name) {
        return t.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    static Map<String, Service> services(WordPressSite site) {
        return Map.of(
                "proxy", Dependents.service(new ProxyServiceDependent(), site),
                "varnish", Dependents.service(new VarnishServiceDependent(), site),
                "wordpress", Dependents.service(new WordPressServiceDependent(), site),
                "redis", Dependents.service(new RedisServiceDependent(), site),
                "mariadb", Dependents.service(new MariaDbServiceDependent(), site));
    }

    @Test
    void withoutExportersPodsAndServicesAreAsBefore() {
        Map<String, PodTemplateSpec> t = templates(plain);
        assertThat(containers(t.get("proxy"))).containsExactly("nginx");
        assertThat(containers(t.get("wordpress"))).containsExactly("php-fpm", "nginx");
        assertThat(containers(t.get("varnish"))).containsExactly("varnish");
        assertThat(containers(t.get("redis"))).containsExactly("redis");
        assertThat(containers(t.get("mariadb"))).containsExactly("mariadb");
        services(plain).forEach((name, svc) -> assertThat(svc.getSpec().getPorts()).as(name).hasSize(1));
    }

    @Test
    void eachPodCarriesTheExportersOfItsDaemons() {
        Map<String, PodTemplateSpec> t = templates(monitored);
        assertThat(containers(t.get("proxy"))).containsExactly("nginx", "nginx-metrics");
        assertThat(containers(t.get("wordpress"))).containsExactly("php-fpm", "nginx", "nginx-metrics", "fpm-metrics");
        assertThat(containers(t.get("varnish"))).containsExactly("varnish", "varnish-metrics");
        assertThat(containers(t.get("redis"))).containsExactly("redis", "redis-metrics");
        assertThat(containers(t.get("mariadb"))).containsExactly("mariadb", "mysql-metrics");
        t.forEach((name, pod) -> pod.getSpec().getContainers().stream().filter(c -> c.getName().endsWith("-metrics"))
                .forEach(c -> {
                    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                    assertThat(c.getReadinessProbe()).as("an exporter never makes its pod unready").isNull();
                    assertThat(c.getResources().getLimits()).containsKey("memory");
                    assertThat(c.getPorts()).extracting(ContainerPort::getName).containsExactly(c.getName());
                }));
    }

    @Test
    void exportersReadTheirDaemonsOnLoopbackWithOperatorWideImages() {
        Map<String, PodTemplateSpec> t = templates(monitored);
        assertThat(container(t.get("proxy"), "nginx-metrics").getImage()).isEqualTo("nginx-exporter:test");
        assertThat(container(t.get("proxy"), "nginx-metrics").getArgs())
                .contains("--nginx.scrape-uri=http://127.0.0.1:8080" + NginxStatus.PATH, "--web.listen-address=:9113");
        assertThat(container(t.get("wordpress"), "nginx-metrics").getArgs())
                .contains("--nginx.scrape-uri=http://127.0.0.1:8081" + NginxStatus.PATH);
        assertThat(env(container(t.get("wordpress"), "fpm-metrics"), "PHP_FPM_SCRAPE_URI").getValue())
                .isEqualTo("tcp://127.0.0.1:9000" + PhpFpmPoolConfig.STATUS_PATH);
        Container varnish = container(t.get("varnish"), "varnish-metrics");
        assertThat(varnish.getCommand()).containsSequence("-n", VarnishDeploymentDependent.WORKDIR);
        assertThat(container(t.get("varnish"), "varnish").getCommand()).containsSequence("-n", VarnishDeploymentDependent.WORKDIR);
        assertThat(varnish.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(env(container(t.get("redis"), "redis-metrics"), "REDIS_ADDR").getValue()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(container(t.get("mariadb"), "mysql-metrics").getArgs())
                .contains("--mysqld.address=127.0.0.1:3306", "--mysqld.username=wordpress");
    }

    @Test
    void credentialsReachExportersOnlyAsSecretKeyRefs() {
        Map<String, PodTemplateSpec> t = templates(monitored);
        EnvVar redis = env(container(t.get("redis"), "redis-metrics"), "REDIS_PASSWORD");
        assertThat(redis.getValue()).isNull();
        assertThat(redis.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(SiteSecretDependent.REDIS_PASSWORD);
        EnvVar mysql = env(container(t.get("mariadb"), "mysql-metrics"), "MYSQLD_EXPORTER_PASSWORD");
        assertThat(mysql.getValue()).isNull();
        assertThat(mysql.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(SiteSecretDependent.DB_PASSWORD);
        assertThat(container(t.get("mariadb"), "mysql-metrics").getArgs()).noneMatch(a -> a.contains("password"));
    }

    @Test
    void eachServiceHasTheMetricsPortsOfItsPods() {
        Map<String, PodTemplateSpec> t = templates(monitored);
        services(monitored).forEach((name, svc) -> {
            List<String> metricsPorts = svc.getSpec().getPorts().stream().map(ServicePort::getName)
                    .filter(p -> p.endsWith("-metrics")).toList();
            List<String> podPorts = t.get(name).getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                    .map(ContainerPort::getName).filter(p -> p.endsWith("-metrics")).toList();
            assertThat(metricsPorts).as(name).isNotEmpty().containsExactlyElementsOf(podPorts);
            svc.getSpec().getPorts().stream().filter(p -> p.getName().endsWith("-metrics"))
                    .forEach(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo(p.getName()));
        });
    }

    @Test
    void policiesOpenTheMetricsPortsToTheMonitoringNamespaceOnly() {
        for (SiteNetworkPolicyDependent d : List.of(new VarnishNetworkPolicyDependent(), new RedisNetworkPolicyDependent(),
                new MariaDbNetworkPolicyDependent(), new WordPressNetworkPolicyDependent(), new ProxyNetworkPolicyDependent())) {
            assertThat(Dependents.policy(d, plain).getSpec().getIngress()).hasSize(1);
            NetworkPolicy policy = Dependents.policy(d, monitored);
            assertThat(policy.getSpec().getIngress()).hasSize(2);
            NetworkPolicyIngressRule metrics = policy.getSpec().getIngress().get(1);
            assertThat(metrics.getFrom()).hasSize(2).first().satisfies(peer -> {
                assertThat(peer.getPodSelector()).isNull();
                assertThat(peer.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(e -> {
                    assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
                    assertThat(e.getOperator()).isEqualTo("In");
                    assertThat(e.getValues()).containsExactly("monitoring");
                });
            });
            // the configured addresses (the API server's, for the dashboard's pods/proxy reads)
            assertThat(metrics.getFrom().get(1).getIpBlock().getCidr()).isEqualTo("192.0.2.10/32");
            assertThat(metrics.getPorts()).isNotEmpty().allSatisfy(p -> assertThat(p.getPort().getIntVal())
                    .isIn(9131, 9121, 9104, 9113, 9253));
        }
        assertThat(Dependents.policy(new WordPressNetworkPolicyDependent(), monitored).getSpec().getIngress().get(1).getPorts())
                .extracting(p -> p.getPort().getIntVal()).containsExactly(9113, 9253);
    }

    @Test
    void withoutAVarnishExporterImageVarnishRunsWithoutOne() {
        OperatorConfig noVarnishExporter = new OperatorConfig() {
            public Images images() {
                Images base = TestSites.config().images();
                return (Images) java.lang.reflect.Proxy.newProxyInstance(Images.class.getClassLoader(),
                        new Class<?>[] { Images.class }, (proxy, method, args) -> method.getName().equals("varnishExporter")
                                ? Optional.empty() : method.invoke(base, args));
            }

            public Tls tls() {
                return TestSites.config().tls();
            }

            public Policy policy() {
                return TestSites.config().policy();
            }

            @Override
            public Jobs jobs() {
                return TestSites.config().jobs();
            }


            public NetworkPolicies networkPolicy() {

                return TestSites.config().networkPolicy();

            }
        };
        assertThat(Exporters.of(monitored, Component.VARNISH, noVarnishExporter)).isEmpty();
        assertThat(Exporters.of(monitored, Component.REDIS, noVarnishExporter)).isNotEmpty();
    }

    @Test
    void theServiceMonitorScrapesEveryMetricsPortOfTheSitesServices() {
        monitored.getSpec().getMonitoring().getServiceMonitor().setLabels(Map.of("release", "prometheus",
                "app.kubernetes.io/managed-by", "someone-else"));
        monitored.getSpec().getMonitoring().getServiceMonitor().setInterval("1m");
        ServiceMonitor sm = Dependents.serviceMonitor(monitored);
        assertThat(sm.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(sm.getKind()).isEqualTo("ServiceMonitor");
        assertThat(sm.getMetadata().getName()).isEqualTo("blog");
        assertThat(sm.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(sm.getMetadata().getLabels()).containsEntry("release", "prometheus")
                .containsEntry("app.kubernetes.io/managed-by", "wpoven-operator");

        Map<String, String> selector = sm.getSpec().getSelector().getMatchLabels();
        services(monitored).values().forEach(svc -> assertThat(svc.getMetadata().getLabels()).containsAllEntriesOf(selector));
        assertThat(services(site("other", "other.example.com")).values())
                .noneMatch(svc -> svc.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));

        assertThat(sm.getSpec().getEndpoints()).extracting(ServiceMonitor.Endpoint::port)
                .containsExactlyInAnyOrder("nginx-metrics", "fpm-metrics", "varnish-metrics", "redis-metrics", "mysql-metrics");
        assertThat(sm.getSpec().getEndpoints()).allSatisfy(e -> {
            assertThat(e.interval()).isEqualTo("1m");
            assertThat(e.path()).isEqualTo("/metrics");
        });
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
