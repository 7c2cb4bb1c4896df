package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Repo;

/**
 * Both install paths are accepted by a real API server (server-side dry run, so admission and Pod Security
 * "restricted" run too), `helm lint` is clean, and manifests/install is what the chart renders.
 */
@Isolated
class InstallManifestsIT {
    static final String CHART = "helm/wpoven-operator";

    @Test
    void installManifestsAndCrdCopiesAreInSyncWithTheChartAndCrds() throws IOException {
        Path out = Files.createTempDirectory("render-install");
        Cli.run(Duration.ofMinutes(20), null, Repo.root().resolve("helm/render-install.sh").toString(), out.toString())
                .orThrow();

        assertThat(Repo.root().resolve("manifests/install/operator.yaml"))
                .as("manifests/install/operator.yaml is stale: run helm/render-install.sh")
                .hasSameTextualContentAs(out.resolve("manifests/install/operator.yaml"));
        // the chart's CRD templates (crds/ behind crds.enabled/keep), its dashboards, and kustomize's CRD copies
        for (String generated : List.of("helm/wpoven-operator/templates/crds", "helm/wpoven-operator/dashboards",
                "manifests/install/crds")) {
            List<String> expected = names(out.resolve(generated));
            assertThat(names(Repo.root().resolve(generated))).as("files in %s", generated).isEqualTo(expected);
            for (String name : expected) {
                assertThat(Repo.root().resolve(generated).resolve(name))
                        .as("%s/%s is stale: run helm/render-install.sh", generated, name)
                        .hasSameTextualContentAs(out.resolve(generated).resolve(name));
            }
        }
        assertThat(Repo.root().resolve("helm/wpoven-operator/crds")).as("the chart's old crds/ folder").doesNotExist();
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void kustomizeInstallIsAcceptedByTheApiServer() {
        KubernetesClient client = Cluster.get().client();
        OperatorProcess.installCrds(client);
        // A dry run creates nothing, so the objects inside wpoven-system need the namespace to exist already.
        boolean created = client.namespaces().withName("wpoven-system").get() == null;
        if (created) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                    .withName("wpoven-system").addToLabels("wpoven.io/e2e", "true").endMetadata().build()).create();
        }
        try {
            Commands.Result r = Cli.kubectl("apply", "--server-side", "--force-conflicts", "--dry-run=server", "-k",
                    "manifests/install").orThrow();

            assertThat(r.out()).contains("customresourcedefinition.apiextensions.k8s.io/wordpresssites.wpoven.io",
                    "serviceaccount/wpoven-operator", "clusterrole.rbac.authorization.k8s.io/wpoven-operator",
                    "deployment.apps/wpoven-operator", "service/wpoven-operator-metrics");
            assertThat(r.err()).as("warnings of the dry run").doesNotContain("PodSecurity", "deprecated");
        } finally {
            if (created) {
                client.namespaces().withName("wpoven-system").delete();
            }
        }
    }

    @Test
    void renderedChartIsAcceptedByTheApiServerWithPodSecurityRestricted() {
        OperatorProcess.installCrds(Cluster.get().client());
        try (InstallNamespace ns = InstallNamespace.create("e2e-chart-dry");
                InstallNamespace sitesA = InstallNamespace.create("e2e-chart-sites");
                InstallNamespace sitesB = InstallNamespace.create("e2e-chart-sites")) {
            // defaults: one ClusterRole for every namespace; the `helm test` Pod is included (--skip-tests is not given)
            assertDryRunAccepted(ns, "wpo", List.of());
            // namespaced mode, two replicas with a disruption budget, operator-wide defaults set
            assertDryRunAccepted(ns, "wpo-ns", List.of("--set", "watchNamespaces={" + sitesA.name() + "," + sitesB.name() + "}",
                    "--set", "replicaCount=2", "--set", "podDisruptionBudget.enabled=true",
                    "--set", "siteSelector=wpoven.io/shard=a",
                    "--set", "defaults.images.wordpress=wordpress:6.8.3-php8.3-fpm",
                    "--set", "defaults.tls.issuerName=letsencrypt-staging", "--set", "defaults.tls.issuerKind=Issuer"));
        }
    }

    private static void assertDryRunAccepted(InstallNamespace ns, String release, List<String> values) {
        List<String> args = new ArrayList<>(List.of("template", release, CHART, "--namespace", ns.name()));
        args.addAll(values);
        String rendered = Cli.helm(args.toArray(String[]::new)).orThrow().out();
        assertThat(rendered).contains("kind: Pod\n");

        // the CRDs are in it too (crds.enabled): the dry run may take over fields the tests' own apply owns
        Commands.Result r = Cli.run(Duration.ofMinutes(2), rendered, Cli.kubectl().toString(), "--kubeconfig",
                Cluster.get().kubeconfig().toString(), "apply", "--server-side", "--force-conflicts", "--dry-run=server",
                "-f", "-");

        assertThat(r.ok()).as("dry run of the chart rendered with %s:\n%s", values, r).isTrue();
        assertThat(r.out()).contains("deployment.apps/" + release + "-wpoven-operator",
                "customresourcedefinition.apiextensions.k8s.io/wordpresssites.wpoven.io",
                "pod/" + release + "-wpoven-operator-test");
        assertThat(r.err()).as("warnings of the dry run").doesNotContain("PodSecurity", "deprecated");
    }

    @Test
    void helmLintIsCleanAndTheSchemaRejectsAMisspeltValue() {
        Commands.Result lint = Cli.helm("lint", "--strict", CHART).orThrow();
        assertThat(lint.out()).doesNotContain("[INFO]", "[WARNING]", "[ERROR]").contains("0 chart(s) failed");

        Commands.Result typo = Cli.helm("template", "wpo", CHART, "--set", "replicaCont=2");
        assertThat(typo.ok()).isFalse();
        assertThat(typo.err()).contains("additional properties 'replicaCont' not allowed");

        Commands.Result badEnum = Cli.helm("template", "wpo", CHART, "--set", "image.pullPolicy=Sometimes");
        assertThat(badEnum.ok()).isFalse();
        assertThat(badEnum.err()).contains("pullPolicy");
    }
}
