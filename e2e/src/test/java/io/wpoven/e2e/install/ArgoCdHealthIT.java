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

    /** Every (kind folder, discovery test) of every actions folder: the actions offered and whether each is enabled. */
    static Stream<Arguments> discoveryCases() throws IOException {
        return actionTests("discoveryTests").map(a -> Arguments.of(a[0], a[1]));
    }

    /** Every (kind folder, action test): the action's output for an input. */
    static Stream<Arguments> actionCases() throws IOException {
        return actionTests("actionTests").map(a -> Arguments.of(a[0], a[1]));
    }

    private static Stream<Object[]> actionTests(String list) throws IOException {
        try (var tests = Files.find(healthDir(), 4, (p, a) -> p.getFileName().toString().equals("action_test.yaml"))) {
            return tests.sorted().toList().stream().flatMap(file -> {
                try {
                    Map<?, ?> all = YAML.readValue(file.toFile(), Map.class);
                    return ((List<?>) all.get(list)).stream()
                            .map(t -> new Object[] { healthDir().relativize(file.getParent().getParent()).toString(), t });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}: actions offered for {1}")
    @MethodSource("discoveryCases")
    void discoveryOffersTheActionsEnabledOrNot(String check, Map<?, ?> test) throws IOException {
        Path actions = healthDir().resolve(check).resolve("actions");
        Object resource = YAML.readValue(actions.resolve((String) test.get("inputPath")).toFile(), Map.class);

        Map<?, ?> offered = (Map<?, ?>) ArgoHealth.runToJava(actions.resolve("discovery.lua"), resource);

        Map<String, Boolean> expected = new java.util.TreeMap<>();
        for (Object r : (List<?>) test.get("result")) {
            expected.put((String) ((Map<?, ?>) r).get("name"), (Boolean) ((Map<?, ?>) r).get("disabled"));
        }
        Map<String, Boolean> actual = new java.util.TreeMap<>();
        offered.forEach((name, a) -> actual.put((String) name, Boolean.TRUE.equals(((Map<?, ?>) a).get("disabled"))));
        assertThat(actual).as("actions of %s (name: disabled)", test.get("inputPath")).isEqualTo(expected);
        for (String name : expected.keySet()) {
            assertThat(actions.resolve(name).resolve("action.lua")).as("the script of action %s", name).exists();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("actionCases")
    void actionGivesTheExpectedObjects(String check, Map<?, ?> test) throws IOException {
        Path actions = healthDir().resolve(check).resolve("actions");
        Object resource = YAML.readValue(actions.resolve((String) test.get("inputPath")).toFile(), Map.class);

        Object output = ArgoHealth.runToJava(actions.resolve((String) test.get("action")).resolve("action.lua"), resource);

        Object expected = YAML.readValue(actions.resolve((String) test.get("expectedOutputPath")).toFile(), Object.class);
        var json = new ObjectMapper();
        assertThat(json.readTree(json.writeValueAsString(output)))
                .as("%s of %s", test.get("action"), test.get("inputPath"))
                .isEqualTo(json.readTree(json.writeValueAsString(expected)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void backupNowCreatesAOneOffBackupTheCrdAccepts() throws IOException {
        Path actions = healthDir().resolve("wpoven.io/Backup/actions");
        Object resource = YAML.readValue(actions.resolve("testdata/scheduled.yaml").toFile(), Map.class);
        List<Map<String, Object>> impacted = (List<Map<String, Object>>) ArgoHealth.runToJava(
                actions.resolve("backup-now/action.lua"), resource);
        Map<String, Object> created = (Map<String, Object>) impacted.get(0).get("resource");
        Map<String, Object> spec = (Map<String, Object>) created.get("spec");
        assertThat(spec).as("a one-off: no schedule, nothing only a schedule may have")
                .doesNotContainKeys("schedule", "suspend", "retention");
        // every field it sets is a field of the Backup CRD's spec (no pruning, no rejection)
        Map<?, ?> crd = YAML.readValue(Repo.crds().resolve("backups.wpoven.io.yaml").toFile(), Map.class);
        Map<?, ?> specSchema = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) crd
                .get("spec")).get("versions")).get(0)).get("schema")).get("openAPIV3Schema")).get("properties")).get("spec");
        assertThat(((Map<?, ?>) specSchema.get("properties")).keySet().stream().map(String::valueOf).toList())
                .containsAll(spec.keySet());
        assertThat((String) ((Map<?, ?>) created.get("metadata")).get("name")).hasSizeLessThanOrEqualTo(253);
        assertThat((Map<String, Object>) ((Map<?, ?>) created.get("metadata")).get("labels"))
                .as("not tracked by the Argo CD application (it would prune it)").doesNotContainKey("app.kubernetes.io/instance");
    }

    /**
     * The sites-in-Git example: every wpoven.io object skips the dry run while its CRD may be missing and has a
     * sync wave; what an object refers to comes in an earlier wave (the Backup after its site and its volume), and
     * the sites' Application after the operator's.
     */
    @Test
    @SuppressWarnings("unchecked")
    void sitesInGitAreOrderedBySyncWavesAndSkipTheDryRunOfMissingKinds() throws IOException {
        Path dir = Repo.root().resolve("manifests/argocd/sites");
        Map<?, ?> kustomization = YAML.readValue(dir.resolve("kustomization.yaml").toFile(), Map.class);
        Map<String, Integer> waves = new java.util.HashMap<>();
        Map<String, Map<?, ?>> objects = new java.util.HashMap<>();
        for (Object file : (List<?>) kustomization.get("resources")) {
            Map<?, ?> o = YAML.readValue(dir.resolve((String) file).toFile(), Map.class);
            Map<String, String> annotations = (Map<String, String>) ((Map<?, ?>) o.get("metadata")).get("annotations");
            String id = o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name");
            assertThat(annotations).as("%s annotations", id).containsKey("argocd.argoproj.io/sync-wave");
            waves.put(id, Integer.valueOf(annotations.get("argocd.argoproj.io/sync-wave")));
            objects.put(id, o);
            if (String.valueOf(o.get("apiVersion")).startsWith("wpoven.io/")) {
                assertThat(annotations.get("argocd.argoproj.io/sync-options")).as("%s sync options", id)
                        .contains("SkipDryRunOnMissingResource=true");
            }
        }
        assertThat(objects).containsKeys("Namespace/sites", "PersistentVolumeClaim/backups", "WordPressSite/blog",
                "Backup/blog-nightly");
        Map<?, ?> backupSpec = (Map<?, ?>) objects.get("Backup/blog-nightly").get("spec");
        String site = "WordPressSite/" + ((Map<?, ?>) backupSpec.get("siteRef")).get("name");
        String claim = "PersistentVolumeClaim/" + ((Map<?, ?>) ((Map<?, ?>) backupSpec.get("storage"))
                .get("persistentVolumeClaim")).get("claimName");
        assertThat(waves.get("Backup/blog-nightly")).isGreaterThan(waves.get(site)).isGreaterThan(waves.get(claim));
        assertThat(waves.get(site)).isGreaterThan(waves.get("Namespace/sites"));

        int operatorWave = wave(Repo.root().resolve("manifests/argocd/application.yaml"));
        assertThat(wave(Repo.root().resolve("manifests/argocd/application-helm.yaml"))).isEqualTo(operatorWave);
        assertThat(wave(Repo.root().resolve("manifests/argocd/application-sites.yaml"))).isGreaterThan(operatorWave);
    }

    private static int wave(Path application) throws IOException {
        Map<?, ?> metadata = (Map<?, ?>) YAML.readValue(application.toFile(), Map.class).get("metadata");
        return Integer.parseInt((String) ((Map<?, ?>) metadata.get("annotations")).get("argocd.argoproj.io/sync-wave"));
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
                Path actions = lua.getParent().resolve("actions");
                String actionsKey = "resource.customizations.actions." + rel.getParent() + "_" + rel.getFileName();
                if (Files.isDirectory(actions)) {
                    Map<?, ?> registered = YAML.readValue((String) data.get(actionsKey), Map.class);
                    assertThat(registered.get("discovery.lua")).as("%s discovery.lua", actionsKey)
                            .isEqualTo(Files.readString(actions.resolve("discovery.lua")));
                    try (var scripts = Files.find(actions, 2, (p, a) -> p.getFileName().toString().equals("action.lua"))) {
                        Map<String, Object> expected = new java.util.TreeMap<>();
                        for (Path s : scripts.toList()) {
                            expected.put(s.getParent().getFileName().toString(), Files.readString(s));
                        }
                        Map<String, Object> actual = new java.util.TreeMap<>();
                        for (Object d : (List<?>) registered.get("definitions")) {
                            actual.put((String) ((Map<?, ?>) d).get("name"), ((Map<?, ?>) d).get("action.lua"));
                        }
                        assertThat(actual).as("%s definitions (run hack/argocd-cm-patch.py)", actionsKey).isEqualTo(expected);
                    }
                } else {
                    assertThat(data.containsKey(actionsKey)).isFalse();
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void applicationsInstallFromThisRepositoryWithServerSideApply() throws IOException {
        for (String file : List.of("application.yaml", "application-helm.yaml", "application-sites.yaml")) {
            Map<?, ?> app = YAML.readValue(Repo.root().resolve("manifests/argocd").resolve(file).toFile(), Map.class);
            Map<?, ?> spec = (Map<?, ?>) app.get("spec");
            String path = (String) ((Map<?, ?>) spec.get("source")).get("path");
            assertThat(Repo.root().resolve(path)).as("%s source path", file).isDirectory();
            assertThat((List<Object>) ((Map<?, ?>) spec.get("syncPolicy")).get("syncOptions")).as("%s sync options", file)
                    .contains("ServerSideApply=true");
        }
    }
}
