package io.wpoven.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.Repo;

/**
 * What a chart user reads before installing, without a cluster: the README and the schema's descriptions are
 * what hack/chart-docs.sh generates from values.yaml, every schema property is described, Artifact Hub lists
 * all four CRDs with an example each, the LICENSE and CHANGELOG are there, and every alert links a runbook that
 * exists.
 */
class ChartDocsIT {
    static final Path CHART = Repo.root().resolve("helm/wpoven-operator");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void readmeAndSchemaDescriptionsAreGeneratedFromTheCommentedValues() {
        Commands.Result check = Cli.run(Duration.ofMinutes(20), null, Repo.root().resolve("hack/chart-docs.sh").toString(),
                "--check");
        assertThat(check.ok()).as("hack/chart-docs.sh --check (README.md or values.schema.json stale?):\n%s", check).isTrue();
    }

    @Test
    void everySchemaPropertyHasADescription() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
        List<String> all = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        properties(schema, "", all, undescribed);
        for (Iterator<Map.Entry<String, JsonNode>> d = schema.path("definitions").fields(); d.hasNext();) {
            Map.Entry<String, JsonNode> e = d.next();
            properties(e.getValue(), "definitions." + e.getKey(), all, undescribed);
        }
        assertThat(all).as("properties of values.schema.json").hasSizeGreaterThanOrEqualTo(90);
        assertThat(undescribed).as("properties without a description").isEmpty();

        String readme = Files.readString(CHART.resolve("README.md"));
        for (String key : List.of("crds.enabled", "crds.keep", "logFormat", "grafana.dashboards",
                "metrics.prometheusRule.volumeFullPercent", "image.repository")) {
            assertThat(readme).as("README documents %s", key).contains("| " + key + " |");
        }
    }

    private static void properties(JsonNode node, String where, List<String> all, List<String> undescribed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            String path = where.isEmpty() ? p.getKey() : where + "." + p.getKey();
            all.add(path);
            if (p.getValue().path("description").asText().isBlank()) {
                undescribed.add(path);
            }
            properties(p.getValue(), path, all, undescribed);
        }
    }

    @Test
    void artifactHubListsTheFourCrdsWithAnExampleEach() throws IOException {
        JsonNode annotations = YAML.readTree(CHART.resolve("Chart.yaml").toFile()).get("annotations");
        Set<String> listed = new TreeSet<>();
        for (JsonNode crd : YAML.readTree(annotations.get("artifacthub.io/crds").asText())) {
            listed.add(crd.get("name").asText());
            assertThat(crd.get("description").asText()).isNotBlank();
        }
        Set<String> shipped = new TreeSet<>();
        try (var files = Files.list(Repo.crds())) {
            files.forEach(f -> shipped.add(f.getFileName().toString().replace(".yaml", "")));
        }
        assertThat(listed).isEqualTo(shipped);
        Set<String> exampleKinds = new TreeSet<>();
        for (JsonNode example : YAML.readTree(annotations.get("artifacthub.io/crdsExamples").asText())) {
            assertThat(example.get("apiVersion").asText()).isEqualTo("wpoven.io/v1alpha1");
            exampleKinds.add(example.get("kind").asText());
        }
        assertThat(exampleKinds).containsExactlyInAnyOrder("WordPressSite", "Backup", "Restore", "Staging");
        assertThat(annotations.get("artifacthub.io/license").asText()).isEqualTo("Apache-2.0");

        assertThat(Files.readString(Repo.root().resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(CHART.resolve("LICENSE")).hasSameTextualContentAs(Repo.root().resolve("LICENSE"));
        String version = YAML.readTree(CHART.resolve("Chart.yaml").toFile()).get("version").asText();
        assertThat(Files.readString(Repo.root().resolve("CHANGELOG.md"))).contains("## [Unreleased]", "## [" + version + "]");
    }

    @Test
    void everyAlertLinksARunbookThatExists() throws IOException {
        String rendered = Cli.helm(Duration.ofMinutes(2), "template", "wpo", CHART.toString(),
                "--set", "metrics.prometheusRule.enabled=true", "--show-only", "templates/prometheusrule.yaml").orThrow().out();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : YAML.readTree(rendered).at("/spec/groups")) {
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.get("alert").asText();
                alerts.add(alert);
                String url = rule.at("/annotations/runbook_url").asText();
                assertThat(url).as("runbook_url of %s", alert)
                        .isEqualTo("https://github.com/wpoven/wpoven-operator/blob/main/docs/runbooks/" + alert + ".md");
                Path runbook = Repo.root().resolve("docs/runbooks/" + alert + ".md");
                assertThat(runbook).as("runbook of %s", alert).exists();
                assertThat(Files.readString(runbook)).startsWith("# " + alert + "\n").contains("**Means:**", "**Act:**");
            }
        }
        assertThat(alerts).contains("WPOvenSiteDegraded", "WPOvenVolumeNearlyFull", "WPOvenMariaDBDown",
                "WPOvenPhpFpmSaturated", "WPOvenRestoreFailed", "WPOvenPushFailed");
        String index = Files.readString(Repo.root().resolve("docs/runbooks/README.md"));
        alerts.forEach(a -> assertThat(index).as("docs/runbooks/README.md lists %s", a).contains("[" + a + "](" + a + ".md)"));
    }

    @Test
    void grafanaDashboardsShipAsSidecarConfigMapsOnlyWhenAskedFor() throws IOException {
        String off = Cli.helm(Duration.ofMinutes(2), "template", "wpo", CHART.toString()).orThrow().out();
        assertThat(off).doesNotContain("grafana_dashboard");

        String on = Cli.helm(Duration.ofMinutes(2), "template", "wpo", CHART.toString(), "--set", "grafana.dashboards=true",
                "--set", "grafana.namespace=monitoring", "--show-only", "templates/grafana-dashboards.yaml").orThrow().out();
        List<JsonNode> maps = new ArrayList<>();
        YAML.readValues(YAML.getFactory().createParser(on), JsonNode.class).forEachRemaining(n -> {
            if (n != null && !n.isEmpty()) {
                maps.add(n);
            }
        });
        List<Path> dashboards;
        try (var files = Files.list(Repo.root().resolve("manifests/grafana"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(maps).hasSameSizeAs(dashboards);
        for (Path dashboard : dashboards) {
            String file = dashboard.getFileName().toString();
            JsonNode map = maps.stream().filter(m -> m.path("data").has(file)).findFirst().orElseThrow();
            assertThat(map.at("/metadata/namespace").asText()).isEqualTo("monitoring");
            assertThat(map.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
            assertThat(new ObjectMapper().readTree(map.at("/data/" + file.replace("~", "~0").replace("/", "~1")).asText()))
                    .as("%s as shipped", file).isEqualTo(new ObjectMapper().readTree(dashboard.toFile()));
        }
    }

    @Test
    void platformKnobsReachTheOperator() throws IOException {
        String rendered = Cli.helm(Duration.ofMinutes(2), "template", "wpo", CHART.toString(),
                "--set", "imageRegistry=harbor.example.com/hub", "--set", "defaults.imagePullSecrets={mirror-pull,team-pull}",
                "--set", "jobs.resources.limits.cpu=2", "--set", "jobs.workVolumeSizeLimit=5Gi",
                "--show-only", "templates/deployment.yaml").orThrow().out();
        JsonNode container = YAML.readTree(rendered).at("/spec/template/spec/containers/0");
        assertThat(container.get("image").asText()).isEqualTo("harbor.example.com/hub/wpoven/wpoven-operator:0.1.0");
        Map<String, String> env = new java.util.HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("WPOVEN_IMAGES_REGISTRY", "harbor.example.com/hub")
                .containsEntry("WPOVEN_IMAGES_PULL_SECRETS", "mirror-pull,team-pull")
                .containsEntry("WPOVEN_IMAGES_TOOL", "harbor.example.com/hub/wpoven/wpoven-operator:0.1.0")
                .containsEntry("WPOVEN_JOBS_CPU_LIMIT", "2").containsEntry("WPOVEN_JOBS_MEMORY_LIMIT", "1Gi")
                .containsEntry("WPOVEN_JOBS_WORK_VOLUME_SIZE_LIMIT", "5Gi");

        String test = Cli.helm(Duration.ofMinutes(2), "template", "wpo", CHART.toString(),
                "--set", "imageRegistry=harbor.example.com/hub", "--show-only", "templates/tests/test-health.yaml").orThrow().out();
        assertThat(YAML.readTree(test).at("/spec/containers/0/image").asText()).isEqualTo("harbor.example.com/hub/curlimages/curl:8.17.0");

        Commands.Result bad = Cli.helm(Duration.ofMinutes(2), "template", "wpo", CHART.toString(),
                "--set", "jobs.workVolumeSizeLimit=lots");
        assertThat(bad.ok()).as("a size that is no quantity is refused").isFalse();
    }
}
