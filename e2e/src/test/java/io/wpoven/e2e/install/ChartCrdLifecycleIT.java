package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.Sites;

/**
 * The chart's CRD lifecycle (crds.enabled, crds.keep) and the uninstall of docs/install.md, step by step.
 * The shared cluster's wpoven.io CRDs belong to the tests (deleting them would delete every test's sites), so
 * the CRD half runs on a copy of the chart whose CRDs are renamed into a group of this test's own; the
 * finalizer half runs on the real CRDs with an operator of its own.
 */
@Isolated
class ChartCrdLifecycleIT {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> PLURALS = List.of("wordpresssites", "backups", "restores", "stagings");

    /**
     * Installed at the previous CRD version (WordPressSite without spec.monitoring), `helm upgrade` brings the
     * new schema: a site's spec.monitoring, pruned before, is kept and defaulted after. Uninstalled in the
     * documented order, the CRDs outlive the release (crds.keep) until deleted, and nothing is left.
     */
    @Test
    void helmUpgradeUpgradesTheCrdsAndTheDocumentedUninstallLeavesNothing() throws IOException {
        KubernetesClient client = Cluster.get().client();
        String suffix = InstallNamespace.suffix();
        String group = "e2e-" + suffix + ".wpoven.io";
        String release = "wpo-crd-" + suffix;
        Path previous = chartCopy(group, true);
        Path current = chartCopy(group, false);
        try (InstallNamespace ns = InstallNamespace.create("e2e-crds")) {
            Cli.helm("install", release, previous.toString(), "--namespace", ns.name()).orThrow();
            CustomResourceDefinition before = established(client, "wordpresssites." + group);
            assertThat(specSchema(before).getProperties()).as("the previous schema").doesNotContainKey("monitoring");
            assertThat(before.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", release);
            GenericKubernetesResource old = createSite(client, group, ns.name(), "old");
            assertThat(spec(old)).as("spec.monitoring is pruned by the previous schema").doesNotContainKey("monitoring");

            Cli.helm("upgrade", release, current.toString(), "--namespace", ns.name()).orThrow();
            CustomResourceDefinition after = established(client, "wordpresssites." + group);
            assertThat(specSchema(after).getProperties()).as("the upgraded schema").containsKey("monitoring");
            assertThat(after.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
            assertThat(after.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/part-of", "wpoven");
            within(Duration.ofSeconds(30)).alias("the new schema served").until(() -> {
                GenericKubernetesResource site = createSite(client, group, ns.name(), "new-" + System.nanoTime() % 100000);
                return Map.of("enabled", true).equals(((Map<?, ?>) spec(site).getOrDefault("monitoring", Map.of()))
                        .get("exporters"))
                        && "30s".equals(((Map<?, ?>) ((Map<?, ?>) spec(site).get("monitoring")).get("serviceMonitor"))
                                .get("interval"));
            });

            // 1. the objects of the four kinds (none of this group has an operator, so no finalizer holds them)
            for (String plural : PLURALS) {
                Cli.kubectl("delete", plural + "." + group, "--all", "--namespace", ns.name(), "--wait", "--timeout=60s")
                        .orThrow();
            }
            // 2. the release: the CRDs stay (crds.keep)
            Cli.helm("uninstall", release, "--namespace", ns.name(), "--wait").orThrow();
            for (String plural : PLURALS) {
                assertThat(crd(client, plural + "." + group)).as("%s kept by helm.sh/resource-policy", plural).isNotNull();
            }
            // 3. the CRDs, by name as docs/install.md lists them
            List<String> delete = new ArrayList<>(List.of("delete", "crd", "--wait", "--timeout=60s"));
            PLURALS.forEach(p -> delete.add(p + "." + group));
            Cli.kubectl(delete.toArray(String[]::new)).orThrow();

            within(Duration.ofSeconds(60)).alias("nothing of the release left").until(() ->
                    PLURALS.stream().allMatch(p -> crd(client, p + "." + group) == null)
                            && client.rbac().clusterRoles().withLabel("app.kubernetes.io/instance", release).list()
                                    .getItems().isEmpty()
                            && client.rbac().clusterRoleBindings().withLabel("app.kubernetes.io/instance", release).list()
                                    .getItems().isEmpty()
                            && client.secrets().inNamespace(ns.name()).withLabel("owner", "helm").list().getItems().isEmpty()
                            && client.apps().deployments().inNamespace(ns.name()).list().getItems().isEmpty());
        }
    }

    /**
     * Step 1 of the uninstall on the real CRDs: with the operator still running, deleting the sites and their
     * Backups completes (the operator releases its finalizers) and nothing of them is left; then the release goes.
     */
    @Test
    void deletingTheSitesFirstWhileTheOperatorRunsLeavesNothing() throws IOException {
        KubernetesClient client = Cluster.get().client();
        OperatorProcess.installCrds(client);
        String value = "uninstall-" + InstallNamespace.suffix();
        String release = "wpo-un-" + InstallNamespace.suffix();
        OperatorProcess operator = DedicatedOperator.start(value, Map.of());
        try (InstallNamespace ns = InstallNamespace.create("e2e-uninstall")) {
            Cli.helm("install", release, ChartDocsIT.CHART.toString(), "--namespace", ns.name(),
                    "--set", "crds.enabled=false").orThrow();
            DedicatedOperator.applySiteYaml(Sites.minimal("blog", "blog.example.com"), ns.name(), value);
            DedicatedOperator.applyYaml("""
                    apiVersion: wpoven.io/v1alpha1
                    kind: Backup
                    metadata:
                      name: blog-nightly
                    spec:
                      siteRef: {name: blog}
                      schedule: "30 2 * * *"
                      storage:
                        persistentVolumeClaim: {claimName: backups}
                    """, ns.name(), value);
            within(Duration.ofSeconds(90)).alias("the operator holds the Backup with its finalizer").until(() -> {
                GenericKubernetesResource b = client.genericKubernetesResources("wpoven.io/v1alpha1", "Backup")
                        .inNamespace(ns.name()).withName("blog-nightly").get();
                return b != null && !b.getMetadata().getFinalizers().isEmpty();
            });

            Commands.Result deleted = Cli.kubectl("delete", "wordpresssites,backups,restores,stagings", "--all",
                    "--namespace", ns.name(), "--wait", "--timeout=90s");
            assertThat(deleted.ok()).as("the documented delete completes:\n%s", deleted).isTrue();
            assertThat(Cli.kubectl("get", "wpoven", "--namespace", ns.name(), "-o", "name").orThrow().out()).isBlank();
            within(Duration.ofSeconds(60)).alias("the site's CronJob gone with its Backup").until(() ->
                    client.batch().v1().cronjobs().inNamespace(ns.name()).list().getItems().isEmpty());

            Cli.helm("uninstall", release, "--namespace", ns.name(), "--wait").orThrow();
            within(Duration.ofSeconds(60)).alias("the release's objects gone").until(() ->
                    client.apps().deployments().inNamespace(ns.name()).list().getItems().isEmpty()
                            && client.rbac().clusterRoles().withLabel("app.kubernetes.io/instance", release).list()
                                    .getItems().isEmpty());
        } finally {
            operator.stop();
        }
    }

    /** The chart with its CRDs moved into {@code group}; {@code previous}: WordPressSite without spec.monitoring. */
    static Path chartCopy(String group, boolean previous) throws IOException {
        Path copy = Files.createTempDirectory("chart-" + (previous ? "previous" : "current")).resolve("wpoven-operator");
        try (Stream<Path> files = Files.walk(ChartDocsIT.CHART)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(ChartDocsIT.CHART.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        try (Stream<Path> crds = Files.list(copy.resolve("templates/crds"))) {
            for (Path f : crds.toList()) {
                Files.writeString(f, Files.readString(f)
                        .replaceAll("(?m)^  name: \"(\\w+)\\.wpoven\\.io\"$", "  name: \"$1." + group + "\"")
                        .replaceAll("(?m)^  group: \"wpoven\\.io\"$", "  group: \"" + group + "\""));
            }
        }
        if (previous) {
            ObjectNode crd = (ObjectNode) YAML.readTree(Repo.crds().resolve("wordpresssites.wpoven.io.yaml").toFile());
            ((ObjectNode) crd.get("metadata")).put("name", "wordpresssites." + group);
            ((ObjectNode) crd.get("spec")).put("group", group);
            ((ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties")).remove("monitoring");
            Files.writeString(copy.resolve("templates/crds/wordpresssites.wpoven.io.yaml"), YAML.writeValueAsString(crd));
        }
        return copy;
    }

    static CustomResourceDefinition crd(KubernetesClient client, String name) {
        return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    }

    static CustomResourceDefinition established(KubernetesClient client, String name) {
        within(Duration.ofSeconds(60)).alias(name + " established").until(() -> {
            CustomResourceDefinition c = crd(client, name);
            return c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
                    .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus()));
        });
        return crd(client, name);
    }

    static JSONSchemaProps specSchema(CustomResourceDefinition crd) {
        return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    static GenericKubernetesResource createSite(KubernetesClient client, String group, String namespace, String name)
            throws IOException {
        GenericKubernetesResource site = YAML.readValue("""
                apiVersion: %s/v1alpha1
                kind: WordPressSite
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  domains: [%s.example.com]
                  monitoring:
                    exporters: {enabled: true}
                """.formatted(group, name, namespace, name), GenericKubernetesResource.class);
        return client.genericKubernetesResources(group + "/v1alpha1", "WordPressSite").inNamespace(namespace)
                .resource(site).create();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }
}
