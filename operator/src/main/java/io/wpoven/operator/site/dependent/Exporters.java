package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.NginxStatus;
import io.wpoven.operator.config.PhpFpmPoolConfig;
import io.wpoven.operator.site.condition.ExportersEnabled;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.ImageRegistry;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.Ports;

/**
 * The Prometheus exporter sidecars of spec.monitoring.exporters: which component's pod gets which, and the
 * metrics port each adds to the component's Service. Each reads its daemon on the pod's loopback, runs with
 * the pod's restricted security profile and a read-only root filesystem, and gets secrets only as secretKeyRefs.
 * They have no readiness probe: a broken exporter must never take a serving pod out of its Service.
 */
final class Exporters {
    private Exporters() {
    }

    /** A sidecar: its container name (also the name of its port on the pod and the Service) and port. */
    record Exporter(String name, int port) {
    }

    static final Exporter NGINX = new Exporter("nginx-metrics", Ports.NGINX_EXPORTER);
    static final Exporter FPM = new Exporter("fpm-metrics", Ports.FPM_EXPORTER);
    static final Exporter VARNISH = new Exporter("varnish-metrics", Ports.VARNISH_EXPORTER);
    static final Exporter REDIS = new Exporter("redis-metrics", Ports.REDIS_EXPORTER);
    static final Exporter MYSQLD = new Exporter("mysql-metrics", Ports.MYSQLD_EXPORTER);

    /** Every metrics port name, for the ServiceMonitor's endpoints. */
    static final List<Exporter> ALL = List.of(NGINX, FPM, VARNISH, REDIS, MYSQLD);

    /** The exporters a component's pods run for this site: none unless spec.monitoring.exporters.enabled. */
    static List<Exporter> of(WordPressSite site, Component component, OperatorConfig config) {
        if (!ExportersEnabled.holds(site)) {
            return List.of();
        }
        return switch (component) {
            case PROXY -> List.of(NGINX);
            case WORDPRESS -> List.of(NGINX, FPM);
            // without an image (none is official) Varnish runs without one
            case VARNISH -> config.images().varnishExporter().isPresent() ? List.of(VARNISH) : List.of();
            case REDIS -> List.of(REDIS);
            case DATABASE -> List.of(MYSQLD);
            default -> List.of();
        };
    }

    static List<Container> sidecars(WordPressSite site, Component component, OperatorConfig config) {
        List<Container> containers = new ArrayList<>();
        for (Exporter e : of(site, component, config)) {
            containers.add(sidecar(site, component, e, config));
        }
        return containers;
    }

    static List<ServicePort> servicePorts(WordPressSite site, Component component, OperatorConfig config) {
        return of(site, component, config).stream()
                .map(e -> new ServicePortBuilder().withName(e.name()).withPort(e.port())
                        .withTargetPort(new IntOrString(e.name())).withProtocol("TCP").build())
                .toList();
    }

    private static Container sidecar(WordPressSite site, Component component, Exporter e, OperatorConfig config) {
        OperatorConfig.Images images = config.images();
        String listen = ":" + e.port();
        ContainerBuilder c;
        if (e == NGINX) {
            int nginxPort = component == Component.PROXY ? Ports.PROXY : Ports.BACKEND;
            c = Pods.container(e.name(), ImageRegistry.of(images.nginxExporter(), config))
                    .withArgs("--nginx.scrape-uri=http://127.0.0.1:" + nginxPort + NginxStatus.PATH,
                            "--web.listen-address=" + listen);
        } else if (e == FPM) {
            // FastCGI straight to PHP-FPM on loopback; the status page never goes through nginx
            c = Pods.container(e.name(), ImageRegistry.of(images.phpFpmExporter(), config))
                    .withEnv(Pods.env("PHP_FPM_SCRAPE_URI", "tcp://127.0.0.1:" + Ports.FPM + PhpFpmPoolConfig.STATUS_PATH),
                            Pods.env("PHP_FPM_WEB_LISTEN_ADDRESS", listen),
                            Pods.env("PHP_FPM_FIX_PROCESS_COUNT", "true"));
        } else if (e == VARNISH) {
            // reads Varnish's shared memory log in the working directory varnishd uses (-n), on the shared /tmp
            c = Pods.container(e.name(), ImageRegistry.of(images.varnishExporter().orElseThrow(), config))
                    .withCommand("prometheus_varnish_exporter", "-n", VarnishDeploymentDependent.WORKDIR,
                            "-web.listen-address", listen)
                    .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount();
        } else if (e == REDIS) {
            c = Pods.container(e.name(), ImageRegistry.of(images.redisExporter(), config))
                    .withEnv(Pods.env("REDIS_ADDR", "redis://127.0.0.1:" + Ports.REDIS),
                            Pods.secretEnv("REDIS_PASSWORD", site, SiteSecretDependent.REDIS_PASSWORD),
                            Pods.env("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", listen));
        } else {
            // the WordPress database user: the credentials Secret is create-only and MariaDB's init scripts run
            // only on a new data directory, so a dedicated user could not reach existing sites (docs/install.md)
            c = Pods.container(e.name(), ImageRegistry.of(images.mysqldExporter(), config))
                    .withArgs("--mysqld.address=127.0.0.1:" + Ports.MARIADB, "--mysqld.username=" + Names.DATABASE_USER,
                            "--web.listen-address=" + listen)
                    .withEnv(Pods.secretEnv("MYSQLD_EXPORTER_PASSWORD", site, SiteSecretDependent.DB_PASSWORD));
        }
        return c.addNewPort().withName(e.name()).withContainerPort(e.port()).withProtocol("TCP").endPort()
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("16Mi"))
                        .addToLimits("memory", new Quantity("64Mi")).build())
                .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
                .build();
    }
}
