package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.CertManagerCrd;
import io.wpoven.e2e.harness.ServiceMonitorCrd;
import io.wpoven.e2e.harness.TestCrds;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;

/**
 * The chart's RBAC is enough for the operator to run a site with every feature, and no more: the packaged
 * operator runs as the chart's ServiceAccount (impersonated), configured with the env of the chart's
 * Deployment, and must bring manifests/samples/site-full.yaml to Ready; the ServiceAccount is denied what the
 * operator never needs. Meaningful only while the harness's shared (admin) operator leaves labelled sites alone
 * (see {@link DedicatedOperator}); otherwise it would reconcile the site too and hide a missing permission.
 */
@E2eTest
@Exclusive.AddonCrds
@Isolated
class OperatorRbacIT {
    static final String CHART = "helm/wpoven-operator";

    @Test
    void clusterWideInstallCanRunAFullSiteAndNothingMore(TestNamespace sites) throws Exception {
        try (InstallNamespace install = InstallNamespace.create("e2e-rbac");
                Installed op = install(install, List.of())) {
            op.explainFailure(() -> {
                runFullSite(op, sites);

                op.assertDenied("delete", "nodes");
                op.assertDenied("create", "clusterroles");
                op.assertDenied("create", "rolebindings", "-n", sites.name());
                op.assertDenied("create", "pods", "-n", sites.name());
                op.assertDenied("delete", "pods", "-n", sites.name());
                op.assertDenied("delete", "customresourcedefinitions");
                op.assertDenied("get", "customresourcedefinitions/wordpresssites.wpoven.io");
                op.assertDenied("impersonate", "serviceaccounts");
                op.assertDenied("patch", "leases/somebody-elses-lease", "-n", install.name());
            });
        }
    }

    @Test
    void namespacedInstallCanRunAFullSiteInItsNamespacesOnly(TestNamespace sites) throws Exception {
        try (InstallNamespace install = InstallNamespace.create("e2e-rbac-ns");
                Installed op = install(install, List.of("--set", "watchNamespaces={" + sites.name() + "}"))) {
            op.explainFailure(() -> {
                runFullSite(op, sites);

                op.assertDenied("list", "wordpresssites", "--all-namespaces");
                op.assertDenied("get", "secrets", "-n", "default");
                op.assertDenied("create", "deployments", "-n", install.name());
                op.assertDenied("get", "secrets", "-n", "kube-system");
                op.assertDenied("create", "pods", "--subresource=exec", "-n", "kube-system");
                op.assertDenied("create", "clusterroles");
                op.assertDenied("delete", "nodes");
            });
        }
    }

    /** helm install (operator scaled to 0: the process below plays its pod) and the operator started as its SA. */
    private Installed install(InstallNamespace install, List<String> values) throws Exception {
        String release = "rbac-" + InstallNamespace.suffix();
        String operatorValue = release;
        List<String> args = new ArrayList<>(List.of("install", release, CHART, "--namespace", install.name(),
                "--set", "replicaCount=0", "--set", "siteSelector=" + DedicatedOperator.LABEL + "=" + operatorValue,
                // the shared cluster's CRDs are the tests', not a release's (ChartCrdLifecycleIT covers crds.*)
                "--set", "crds.enabled=false",
                // site-full.yaml names this ClusterIssuer: the platform allows it (policy.allowedClusterIssuers)
                "--set", "policy.allowedClusterIssuers={letsencrypt-prod}"));
        args.addAll(values);
        Cli.helm(args.toArray(String[]::new)).orThrow();

        String fullname = release + "-wpoven-operator";
        KubernetesClient client = Cluster.get().client();
        Deployment deployment = client.apps().deployments().inNamespace(install.name()).withName(fullname).get();
        String sa = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        String user = "system:serviceaccount:" + install.name() + ":" + sa;
        String podName = fullname + "-7d4b9c-x2x9q";

        Map<String, String> env = new HashMap<>();
        for (EnvVar e : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            env.put(e.getName(), resolve(e, install.name(), podName));
        }
        env.remove("QUARKUS_HTTP_PORT"); // the harness picks a free port
        env.remove("JAVA_OPTS_APPEND"); // read by the image's start script, not by `java -jar`
        assertThat(env).as("the chart's operator env").containsEntry(DedicatedOperator.SELECTOR_ENV,
                DedicatedOperator.LABEL + "=" + operatorValue);

        Path kubeconfig = DedicatedOperator.impersonatingKubeconfig(user, install.name());
        env.put("KUBECONFIG", kubeconfig.toString());
        // fabric8 ignores a kubeconfig's `as`; this is its own way to impersonate (kubectl uses the `as` above).
        env.put("KUBERNETES_IMPERSONATE_USERNAME", user);

        List<String> crdsAdded = ensureAddOnCrds(client);
        try {
            OperatorProcess process = OperatorProcess.start(Cluster.get(), env);
            return new Installed(install.name(), release, fullname, podName, operatorValue, kubeconfig, process,
                    crdsAdded);
        } catch (RuntimeException e) {
            Cli.helm("uninstall", release, "--namespace", install.name(), "--wait");
            removeCrds(crdsAdded);
            throw e;
        }
    }

    private void runFullSite(Installed op, TestNamespace sites) throws Exception {
        DedicatedOperator.applySite(DedicatedOperator.sample("site-full.yaml"), sites.name(), op.operatorValue);

        Sites.awaitReady(sites, "shop");
        assertThat(sites.get(HorizontalPodAutoscaler.class, "shop-wordpress").get()).as("HPA").isNotNull();
        assertThat(sites.get(PodDisruptionBudget.class, "shop-wordpress").get()).as("PDB").isNotNull();
        assertThat(sites.get(NetworkPolicy.class, "shop-mariadb").get()).as("NetworkPolicy").isNotNull();
        assertThat(sites.get(Ingress.class, "shop").get().getSpec().getIngressClassName()).isEqualTo("nginx");
        Certificate cert = TestNamespace.eventually(Duration.ofSeconds(60), "Certificate created",
                () -> sites.client().resources(Certificate.class).inNamespace(sites.name()).list().getItems()
                        .stream().findFirst().orElse(null));
        assertThat(cert.getSpec().getIssuerRef().getName()).isEqualTo("letsencrypt-prod");
        TestNamespace.eventually(Duration.ofSeconds(60), "ServiceMonitor created",
                () -> sites.client().genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
                        .inNamespace(sites.name()).withName("shop").get());
        assertThat(Sites.events(sites, "shop")).as("events recorded by the operator").isNotEmpty();

        Lease lease = TestNamespace.eventually(Duration.ofSeconds(60), "Lease " + op.fullname + "-leader held",
                () -> Cluster.get().client().leases().inNamespace(op.installNamespace).withName(op.fullname + "-leader").get());
        assertThat(lease.getSpec().getHolderIdentity()).as("Lease holder").isEqualTo(op.podName);

        // a backup and a restore of the site: Jobs, their pods' results, both statuses, quiescing the site
        sites.apply(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName("backups")
                .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))).endResources().endSpec().build());
        DedicatedOperator.applyYaml("""
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata: {name: once}
                spec:
                  siteRef: {name: shop}
                  storage: {persistentVolumeClaim: {claimName: backups}}
                """, sites.name(), op.operatorValue);
        TestNamespace.within(Duration.ofSeconds(90)).alias("Backup once Complete=True").until(() -> sites.client()
                .resources(io.wpoven.operator.api.v1alpha1.Backup.class).inNamespace(sites.name()).withName("once").get(),
                b -> b != null && b.getStatus() != null && b.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True")));
        DedicatedOperator.applyYaml("""
                apiVersion: wpoven.io/v1alpha1
                kind: Restore
                metadata: {name: back}
                spec:
                  backupRef: {name: once}
                """, sites.name(), op.operatorValue);
        TestNamespace.within(Duration.ofSeconds(120)).alias("Restore back Succeeded").until(() -> sites.client()
                .resources(io.wpoven.operator.api.v1alpha1.Restore.class).inNamespace(sites.name()).withName("back").get(),
                r -> r != null && r.getStatus() != null && "Succeeded".equals(r.getStatus().getPhase()));

        TestNamespace.within(Duration.ofSeconds(60)).alias("the site's own Backup and CronJob").until(() ->
                sites.client().batch().v1().cronjobs().inNamespace(sites.name()).withName("shop-backup").get() != null);
        op.assertAllowed("get", "pods", "-n", sites.name());
        // the malware scan's check of the core in the running WordPress pods (docs/malware-scan.md)
        op.assertAllowed("create", "pods", "--subresource=exec", "-n", sites.name());
        op.assertAllowed("create", "jobs.batch", "-n", sites.name());
        op.assertAllowed("patch", "wordpresssites/status", "-n", sites.name());
        op.assertAllowed("create", "events", "-n", sites.name());
        op.assertAllowed("patch", "leases/" + op.fullname + "-leader", "-n", op.installNamespace);
    }

    /** The add-on APIs the full site uses (cert-manager, the Prometheus Operator); the CRDs added here. */
    private static List<String> ensureAddOnCrds(KubernetesClient client) {
        List<String> added = new java.util.ArrayList<>();
        if (CertManagerCrd.install(client)) {
            added.add(CertManagerCrd.NAME);
        }
        if (ServiceMonitorCrd.install(client)) {
            added.add(ServiceMonitorCrd.NAME);
        }
        return added;
    }

    private static void removeCrds(List<String> addedHere) {
        addedHere.forEach(name -> TestCrds.remove(Cluster.get().client(), name));
    }

    private static String resolve(EnvVar e, String namespace, String podName) {
        if (e.getValueFrom() == null) {
            return e.getValue() == null ? "" : e.getValue();
        }
        String field = e.getValueFrom().getFieldRef() == null ? null : e.getValueFrom().getFieldRef().getFieldPath();
        if ("metadata.namespace".equals(field)) {
            return namespace;
        }
        if ("metadata.name".equals(field)) {
            return podName;
        }
        throw new IllegalStateException("env " + e.getName() + " comes from " + e.getValueFrom() + ": resolve it here too");
    }

    interface Check {
        void run() throws Exception;
    }

    private record Installed(String installNamespace, String release, String fullname, String podName,
            String operatorValue, Path kubeconfig, OperatorProcess process, List<String> crdsAdded)
            implements AutoCloseable {

        /** Runs the checks; a failure carries the operator's log, which says which request was forbidden. */
        void explainFailure(Check check) throws Exception {
            try {
                check.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n[operator running as " + fullname + "] log tail:\n"
                        + process.logTail(80), e);
            }
        }

        void assertDenied(String... canI) {
            assertThat(canI(canI)).as("kubectl auth can-i %s as the operator's ServiceAccount", String.join(" ", canI))
                    .isEqualTo("no");
        }

        void assertAllowed(String... canI) {
            assertThat(canI(canI)).as("kubectl auth can-i %s as the operator's ServiceAccount", String.join(" ", canI))
                    .isEqualTo("yes");
        }

        private String canI(String... args) {
            List<String> cmd = new ArrayList<>(List.of("auth", "can-i"));
            cmd.addAll(List.of(args));
            Commands.Result r = Cli.kubectlWith(kubeconfig, cmd.toArray(String[]::new));
            if (r.exit() > 1) {
                throw new AssertionError(r.toString());
            }
            return r.out().trim();
        }

        @Override
        public void close() {
            process.stop();
            Cli.helm("uninstall", release, "--namespace", installNamespace, "--wait").orThrow();
            removeCrds(crdsAdded);
        }
    }
}
