package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.OperatorProcess;

/**
 * `helm install` into a fresh namespace (Pod Security "restricted" enforced) creates everything the operator
 * runs with, `helm upgrade` changes it, and `helm uninstall` removes it all but the CRD, so sites survive.
 * No operator image can be pulled here: the operator pod is admitted and scheduled, not run.
 */
@Isolated
class HelmInstallIT {
    static final String CHART = "helm/wpoven-operator";

    @Test
    void chartInstallsUpgradesAndUninstalls() {
        KubernetesClient client = Cluster.get().client();
        OperatorProcess.installCrds(client);
        String release = "wpo-" + InstallNamespace.suffix();
        String fullname = release + "-wpoven-operator";
        try (InstallNamespace ns = InstallNamespace.create("e2e-helm")) {
            // the shared cluster's CRDs are applied by the tests, not owned by a release (ChartCrdLifecycleIT covers crds.*)
            Commands.Result install = Cli.helm("install", release, CHART, "--namespace", ns.name(),
                    "--set", "crds.enabled=false").orThrow();
            assertThat(install.out()).contains("STATUS: deployed",
                    "The WPOven Operator 0.1.0 is installed in namespace " + ns.name());

            Deployment deployment = client.apps().deployments().inNamespace(ns.name()).withName(fullname).get();
            assertThat(deployment).as("operator Deployment").isNotNull();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container operator = pod.getContainers().get(0);
            assertThat(operator.getImage()).isEqualTo("ghcr.io/wpoven/wpoven-operator:0.1.0");
            assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(env(operator)).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_ALL_NAMESPACES")
                    .containsEntry("WPOVEN_LEADER_ELECTION_ENABLED", "true")
                    .containsEntry("WPOVEN_LEADER_ELECTION_LEASE_NAME", fullname + "-leader");
            assertThat(client.serviceAccounts().inNamespace(ns.name()).withName(pod.getServiceAccountName()).get())
                    .as("ServiceAccount").isNotNull();
            ClusterRole role = client.rbac().clusterRoles().withName(fullname).get();
            assertThat(role.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("wordpresssites"));
            ClusterRoleBinding binding = client.rbac().clusterRoleBindings().withName(fullname).get();
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo(pod.getServiceAccountName());
                assertThat(s.getNamespace()).isEqualTo(ns.name());
            });
            assertThat(client.rbac().roles().inNamespace(ns.name()).withName(fullname + "-leader-election").get())
                    .as("leader election Role").isNotNull();
            Service metrics = client.services().inNamespace(ns.name()).withName(fullname + "-metrics").get();
            assertThat(metrics.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

            // the operator pod passes Pod Security "restricted": the ReplicaSet could create it
            within(Duration.ofSeconds(60)).alias("operator pod admitted").until(() -> client.pods().inNamespace(ns.name())
                    .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems().size() == 1);

            Cli.helm("upgrade", release, CHART, "--namespace", ns.name(), "--reuse-values", "--set", "replicaCount=2",
                    "--set", "defaults.tls.issuerName=letsencrypt-staging").orThrow();
            Deployment upgraded = client.apps().deployments().inNamespace(ns.name()).withName(fullname).get();
            assertThat(upgraded.getSpec().getReplicas()).isEqualTo(2);
            assertThat(env(upgraded.getSpec().getTemplate().getSpec().getContainers().get(0)))
                    .containsEntry("WPOVEN_TLS_ISSUER_NAME", "letsencrypt-staging");

            Cli.helm("uninstall", release, "--namespace", ns.name(), "--wait").orThrow();
            within(Duration.ofSeconds(60)).alias("release objects removed").until(() ->
                    client.apps().deployments().inNamespace(ns.name()).withName(fullname).get() == null
                            && client.rbac().clusterRoles().withName(fullname).get() == null
                            && client.rbac().clusterRoleBindings().withName(fullname).get() == null);
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName("wordpresssites.wpoven.io").get())
                    .as("the CRD (and so every site) outlives the release").isNotNull();
        }
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    }
}
