package io.wpoven.operator.support;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.*;

/**
 * Sites as the API server hands them to the operator: with the CRD schema's defaults filled in
 * (the values of the @Default annotations on the spec classes).
 */
public final class TestSites {
    private TestSites() {
    }

    public static WordPressSite site(String name, String... domains) {
        WordPressSite site = new WordPressSite();
        site.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withGeneration(1L)
                .withUid("uid-" + name).build());
        WordPressSiteSpec spec = new WordPressSiteSpec();
        spec.setDomains(List.of(domains));
        spec.setReplicas(1);

        WordPressSpec wp = new WordPressSpec();
        PhpSpec php = new PhpSpec();
        php.setMemoryLimit("256M");
        php.setUploadMaxSize("64M");
        php.setMaxExecutionTime(60);
        php.setOpcacheMemory(128);
        wp.setPhp(php);
        FpmSpec fpm = new FpmSpec();
        fpm.setPm(FpmSpec.ProcessManager.DYNAMIC);
        fpm.setMaxChildren(10);
        fpm.setStartServers(2);
        fpm.setMinSpareServers(1);
        fpm.setMaxSpareServers(3);
        fpm.setMaxRequests(500);
        wp.setFpm(fpm);
        wp.setResources(resources("100m", "256Mi", "512Mi"));
        spec.setWordpress(wp);

        WebSpec web = new WebSpec();
        web.setProxyReplicas(2);
        web.setProxyTimeoutSeconds(60);
        web.setGzip(true);
        web.setStaticMaxAgeSeconds(2592000);
        WafSpec waf = new WafSpec();
        waf.setEnabled(false);
        waf.setMode(WafSpec.Mode.BLOCK);
        waf.setParanoiaLevel(1);
        web.setWaf(waf);
        web.setResources(resources("50m", "32Mi", "128Mi"));
        spec.setWeb(web);

        CacheSpec cache = new CacheSpec();
        cache.setSize("256M");
        cache.setTtlSeconds(300);
        cache.setStaticTtlSeconds(86400);
        cache.setGraceSeconds(3600);
        cache.setMicroCacheSeconds(1);
        cache.setResources(resources("50m", null, null));
        spec.setCache(cache);

        ObjectCacheSpec redis = new ObjectCacheSpec();
        redis.setEnabled(true);
        redis.setMaxMemory("128mb");
        redis.setResources(resources("50m", null, null));
        spec.setObjectCache(redis);

        DatabaseSpec db = new DatabaseSpec();
        ManagedDatabaseSpec managed = new ManagedDatabaseSpec();
        VolumeSpec dbStorage = new VolumeSpec();
        dbStorage.setSize("2Gi");
        dbStorage.setAccessMode(VolumeSpec.AccessMode.ReadWriteOnce);
        managed.setStorage(dbStorage);
        managed.setResources(resources("100m", "512Mi", "512Mi"));
        db.setManaged(managed);
        spec.setDatabase(db);

        VolumeSpec storage = new VolumeSpec();
        storage.setSize("5Gi");
        storage.setAccessMode(VolumeSpec.AccessMode.ReadWriteOnce);
        spec.setStorage(storage);

        AutoscalingSpec hpa = new AutoscalingSpec();
        hpa.setEnabled(false);
        hpa.setMinReplicas(1);
        hpa.setMaxReplicas(5);
        hpa.setTargetCPUUtilizationPercentage(70);
        hpa.setScaleDownStabilizationSeconds(300);
        spec.setAutoscaling(hpa);

        TlsSpec tls = new TlsSpec();
        tls.setEnabled(true);
        spec.setTls(tls);

        IngressSpec ingress = new IngressSpec();
        ingress.setEnabled(true);
        spec.setIngress(ingress);

        MonitoringSpec monitoring = new MonitoringSpec();
        monitoring.setExporters(new MonitoringSpec.Exporters());
        monitoring.getExporters().setEnabled(false);
        monitoring.setServiceMonitor(new MonitoringSpec.ServiceMonitor());
        monitoring.getServiceMonitor().setEnabled(false);
        monitoring.getServiceMonitor().setInterval("30s");
        spec.setMonitoring(monitoring);

        SecuritySpec security = new SecuritySpec();
        MalwareScanSpec scan = new MalwareScanSpec();
        scan.setEnabled(false);
        scan.setSchedule("@daily");
        scan.setAction(MalwareScanSpec.Action.Report);
        scan.setTimeoutSeconds(3600);
        security.setMalwareScan(scan);
        spec.setSecurity(security);

        spec.setDeletionPolicy(WordPressSiteSpec.DeletionPolicy.Retain);
        site.setSpec(spec);
        return site;
    }

    /** The site with spec.security.malwareScan enabled and the given action. */
    public static WordPressSite withMalwareScan(WordPressSite site, MalwareScanSpec.Action action) {
        site.getSpec().getSecurity().getMalwareScan().setEnabled(true);
        site.getSpec().getSecurity().getMalwareScan().setAction(action);
        return site;
    }

    /** The site with spec.monitoring.exporters.enabled (and the ServiceMonitor when asked). */
    public static WordPressSite withExporters(WordPressSite site, boolean serviceMonitor) {
        site.getSpec().getMonitoring().getExporters().setEnabled(true);
        site.getSpec().getMonitoring().getServiceMonitor().setEnabled(serviceMonitor);
        return site;
    }

    static ResourceRequirements resources(String cpu, String memoryRequest, String memoryLimit) {
        ResourceRequirementsBuilder b = new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity(cpu));
        if (memoryRequest != null) {
            b.addToRequests("memory", new Quantity(memoryRequest));
        }
        if (memoryLimit != null) {
            b.addToLimits(Map.of("memory", new Quantity(memoryLimit)));
        }
        return b.build();
    }

    public static OperatorConfig.Policy policy(List<String> images, List<String> clusterIssuers, List<String> annotations) {
        return new OperatorConfig.Policy() {
            public java.util.Optional<List<String>> allowedImages() {
                return java.util.Optional.of(images);
            }

            public java.util.Optional<List<String>> allowedClusterIssuers() {
                return java.util.Optional.of(clusterIssuers);
            }

            public java.util.Optional<List<String>> allowedPriorityClasses() {
                return java.util.Optional.of(List.of("wpoven-*"));
            }

            public List<String> allowedIngressAnnotations() {
                return annotations;
            }

            public List<String> trustedForwarders() {
                return io.wpoven.operator.config.ProxyNginxConfig.TRUSTED_PEERS;
            }

            public OperatorConfig.DomainClaims domainClaims() {
                return OperatorConfig.DomainClaims.cluster;
            }
        };
    }

    public static OperatorConfig config() {
        return new OperatorConfig() {
            @Override
            public Images images() {
                return new Images() {
                    public String wordpress() {
                        return "wordpress:test-fpm";
                    }

                    public String wordpressPhpVersion() {
                        return "8.2";
                    }

                    public java.util.Optional<List<String>> wordpressPhpImages() {
                        return java.util.Optional.of(List.of("8.4=wordpress:test-php8.4-fpm"));
                    }

                    public String nginx() {
                        return "nginx:test";
                    }

                    public String varnish() {
                        return "varnish:test";
                    }

                    public String redis() {
                        return "redis:test";
                    }

                    public String mariadb() {
                        return "mariadb:test";
                    }

                    public String tool() {
                        return "wpoven-operator:test";
                    }

                    public String nginxExporter() {
                        return "nginx-exporter:test";
                    }

                    public String phpFpmExporter() {
                        return "php-fpm-exporter:test";
                    }

                    public java.util.Optional<String> varnishExporter() {
                        return java.util.Optional.of("varnish-exporter:test");
                    }

                    public String redisExporter() {
                        return "redis-exporter:test";
                    }

                    public String mysqldExporter() {
                        return "mysqld-exporter:test";
                    }

                    public java.util.Optional<String> shell() {
                        return java.util.Optional.of("shell:test");
                    }

                    public java.util.Optional<String> registry() {
                        return java.util.Optional.empty();
                    }

                    public java.util.Optional<java.util.List<String>> pullSecrets() {
                        return java.util.Optional.empty();
                    }
                };
            }

            @Override
            public Jobs jobs() {
                return new Jobs() {
                    public String cpuRequest() {
                        return "100m";
                    }

                    public String memoryRequest() {
                        return "256Mi";
                    }

                    public String memoryLimit() {
                        return "1Gi";
                    }

                    public java.util.Optional<String> cpuLimit() {
                        return java.util.Optional.empty();
                    }

                    public String workVolumeSizeLimit() {
                        return "20Gi";
                    }
                };
            }

            @Override
            public Policy policy() {
                return TestSites.policy(List.of(), List.of(), List.of("nginx.ingress.kubernetes.io/proxy-body-size", "cert-manager.io/*"));
            }

            @Override
            public Tls tls() {
                return new Tls() {
                    public String issuerName() {
                        return "test-issuer";
                    }

                    public String issuerKind() {
                        return "ClusterIssuer";
                    }
                };
            }

            @Override
            public NetworkPolicies networkPolicy() {
                return networkPolicies(List.of("ingress-nginx"), java.util.Optional.of("wpoven-system"));
            }
        };
    }

    /** {@link #config()} with its policy or its network-policy settings replaced (null keeps the test default). */
    public static OperatorConfig config(OperatorConfig.Policy policy, OperatorConfig.NetworkPolicies networkPolicies) {
        OperatorConfig base = config();
        return new OperatorConfig() {
            public Images images() {
                return base.images();
            }

            public Tls tls() {
                return base.tls();
            }

            public Policy policy() {
                return policy != null ? policy : base.policy();
            }

            public Jobs jobs() {
                return base.jobs();
            }

            public NetworkPolicies networkPolicy() {
                return networkPolicies != null ? networkPolicies : base.networkPolicy();
            }
        };
    }

    /** The network-policy settings with the operator's defaults, but the ingress namespaces and operator namespace given. */
    public static OperatorConfig.NetworkPolicies networkPolicies(List<String> ingressNamespaces, java.util.Optional<String> operatorNamespace) {
        return new OperatorConfig.NetworkPolicies() {
            public List<String> ingressNamespaces() {
                return ingressNamespaces;
            }

            public List<String> monitoringNamespaces() {
                return List.of("monitoring");
            }

            public java.util.Optional<List<String>> monitoringCidrs() {
                return java.util.Optional.of(List.of("192.0.2.10/32"));
            }

            public java.util.Optional<String> operatorNamespace() {
                return operatorNamespace;
            }

            public String dnsNamespace() {
                return "kube-system";
            }

            public List<String> dnsPodLabels() {
                return List.of("k8s-app=kube-dns");
            }

            public java.util.Optional<List<String>> dnsCidrs() {
                return java.util.Optional.of(List.of("169.254.20.10/32"));
            }

            public List<String> egressExcludedCidrs() {
                return List.of("169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fe80::/10", "fc00::/7");
            }
        };
    }
}
