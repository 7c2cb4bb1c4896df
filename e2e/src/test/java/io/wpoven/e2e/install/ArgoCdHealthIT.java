package io.wpoven.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.wpoven.e2e.harness.Repo;

/**
 * The Argo CD health checks in manifests/argocd/health/ give the expected status and message for each sample
 * status listed in the check's health_test.yaml (Argo CD's own test layout), run with a real Lua interpreter.
 */
class ArgoCdHealthIT {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Path healthDir() {
        return Repo.root().resolve("manifests/argocd/health");
    }

    /** Every (kind folder, test case) pair of every health check. */
    static Stream<Arguments> cases() throws IOException {
        try (var checks = Files.find(healthDir(), 3, (p, a) -> p.getFileName().toString().equals("health.lua"))) {
            return checks.sorted().toList().stream().flatMap(lua -> {
                Path dir = lua.getParent();
                try {
                    Map<?, ?> tests = YAML.readValue(dir.resolve("health_test.yaml").toFile(), Map.class);
                    return ((List<?>) tests.get("tests")).stream().map(t -> {
                        Map<?, ?> test = (Map<?, ?>) t;
                        Map<?, ?> expected = (Map<?, ?>) test.get("healthStatus");
                        return Arguments.of(healthDir().relativize(dir).toString(), test.get("inputPath"),
                                expected.get("status"), expected.get("message"));
                    });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}: {1} is {2}")
    @MethodSource("cases")
    void healthScriptGivesTheExpectedStatusAndMessage(String check, String input, String status, String message)
            throws IOException {
        Path dir = healthDir().resolve(check);
        Object resource = YAML.readValue(dir.resolve(input).toFile(), Map.class);

        ArgoHealth.Status health = new ArgoHealth(dir.resolve("health.lua")).of(resource);

        assertThat(health.status()).as("status of %s", input).isEqualTo(status);
        assertThat(health.message()).as("message of %s", input).isEqualTo(message);
    }

    @Test
    void everyCrdHasAHealthCheckWithHealthyProgressingAndDegradedCases() throws IOException {
        List<Arguments> all = cases().toList();
        try (var crds = Files.list(Repo.crds())) {
            for (Path crd : crds.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Map<?, ?> spec = (Map<?, ?>) YAML.readValue(crd.toFile(), Map.class).get("spec");
                String check = spec.get("group") + "/" + ((Map<?, ?>) spec.get("names")).get("kind");
                assertThat(healthDir().resolve(check).resolve("health.lua")).as("health check of %s", check).exists();
                assertThat(all.stream().filter(a -> a.get()[0].equals(check)).map(a -> a.get()[2]))
                        .as("statuses tested for %s", check).contains("Healthy", "Progressing", "Degraded");
            }
        }
    }

    @Test
    void argocdCmPatchRegistersTheSameScripts() throws IOException {
        Map<?, ?> patch = YAML.readValue(Repo.root().resolve("manifests/argocd/argocd-cm-patch.yaml").toFile(), Map.class);
        Map<?, ?> data = (Map<?, ?>) patch.get("data");
        try (var checks = Files.find(healthDir(), 3, (p, a) -> p.getFileName().toString().equals("health.lua"))) {
            for (Path lua : checks.toList()) {
                Path rel = healthDir().relativize(lua.getParent());
                String key = "resource.customizations.health." + rel.getParent() + "_" + rel.getFileName();
                assertThat(data.get(key)).as("argocd-cm key %s is health.lua of %s", key, rel).isEqualTo(Files.readString(lua));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void applicationsInstallFromThisRepositoryWithServerSideApply() throws IOException {
        for (String file : List.of("application.yaml", "application-helm.yaml")) {
            Map<?, ?> app = YAML.readValue(Repo.root().resolve("manifests/argocd").resolve(file).toFile(), Map.class);
            Map<?, ?> spec = (Map<?, ?>) app.get("spec");
            String path = (String) ((Map<?, ?>) spec.get("source")).get("path");
            assertThat(Repo.root().resolve(path)).as("%s source path", file).isDirectory();
            assertThat((List<Object>) ((Map<?, ?>) spec.get("syncPolicy")).get("syncOptions")).as("%s sync options", file)
                    .contains("ServerSideApply=true");
        }
    }
}
