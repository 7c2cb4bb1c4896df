package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.Repo;

/**
 * `kubectl apply --server-side -k manifests/install` as a platform team runs it, on a new cluster that has never seen
 * a wpoven CRD (its own local control plane, KWOK nodes, beside the shared one): every CRD of the operator is
 * installed and Established, and the operator's Deployment becomes available. That the same manifests run the
 * operator on a real node is shown by RealPodsIT, since manifests/install/operator.yaml is the chart rendered with its
 * defaults (InstallManifestsIT keeps them equal).
 */
@Isolated
class KustomizeInstallIT {
    private static final String CLUSTER = "wpoven-kustomize";
    private static final List<String> KINDS = List.of("wordpresssites", "backups", "restores", "stagings");
    private static Path kubeconfig;
    private static KubernetesClient client;

    @BeforeAll
    static void newCluster() throws java.io.IOException {
        String script = Repo.root().resolve("hack/cluster.sh").toString();
        clusterScript(Duration.ofMinutes(20), script, "down");
        clusterScript(Duration.ofMinutes(20), script, "up");
        kubeconfig = Path.of(clusterScript(Duration.ofMinutes(1), script, "kubeconfig").out().trim());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(java.nio.file.Files.readString(kubeconfig))).build();
    }

    @AfterAll
    static void removeCluster() {
        if (client != null) {
            client.close();
        }
        clusterScript(Duration.ofMinutes(5), Repo.root().resolve("hack/cluster.sh").toString(), "down");
    }

    @Test
    void installsEveryCrdAndTheOperatorOnAClusterWithoutThem() {
        assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
                .as("a cluster that has never seen the operator").noneMatch(c -> c.getSpec().getGroup().equals("wpoven.io"));

        Commands.Result apply = Cli.kubectlWith(kubeconfig, "apply", "--server-side", "-k", "manifests/install");
        assertThat(apply.ok()).as(apply.toString()).isTrue();

        for (String kind : KINDS) {
            CustomResourceDefinition crd = within(Duration.ofMinutes(1)).alias(kind + ".wpoven.io Established").until(
                    () -> client.apiextensions().v1().customResourceDefinitions().withName(kind + ".wpoven.io").get(),
                    c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
                            .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())));
            assertThat(crd.getSpec().getNames().getCategories()).contains("wpoven");
        }
        assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .filter(c -> c.getSpec().getGroup().equals("wpoven.io")).map(c -> c.getSpec().getNames().getPlural()))
                .as("exactly the operator's kinds").containsExactlyInAnyOrderElementsOf(KINDS);

        // the API serves the new kinds: `kubectl get wpoven` (the category of all four) answers
        // (the API server's discovery lists new kinds a moment after they are Established)
        within(Duration.ofMinutes(1)).alias("kubectl get wpoven").until(
                () -> Cli.kubectlWith(kubeconfig, "get", "wpoven", "--all-namespaces"), Commands.Result::ok);

        Deployment operator = within(Duration.ofMinutes(3)).alias("the operator's Deployment available").until(
                () -> client.apps().deployments().inNamespace("wpoven-system").withName("wpoven-operator").get(),
                d -> d != null && d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                        && d.getStatus().getAvailableReplicas() >= 1);
        assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("wpoven-operator");
        assertThat(client.services().inNamespace("wpoven-system").withName("wpoven-operator-metrics").get()).isNotNull();

        // applying again changes nothing and is accepted (GitOps tools re-apply)
        Commands.Result again = Cli.kubectlWith(kubeconfig, "apply", "--server-side", "-k", "manifests/install");
        assertThat(again.ok()).as(again.toString()).isTrue();
    }

    /** hack/cluster.sh for this test's own cluster: KWOK nodes only, one of them. */
    private static Commands.Result clusterScript(Duration timeout, String... command) {
        String[] withEnv = new String[command.length + 4];
        withEnv[0] = "env";
        withEnv[1] = "WPOVEN_CLUSTER=" + CLUSTER;
        withEnv[2] = "WPOVEN_REAL_NODE=0";
        withEnv[3] = "WPOVEN_NODES=1";
        System.arraycopy(command, 0, withEnv, 4, command.length);
        return Commands.run(timeout, null, withEnv).orThrow();
    }
}
