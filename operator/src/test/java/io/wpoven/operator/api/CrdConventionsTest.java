package io.wpoven.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Reads the committed CRDs (crds/, what Helm, kustomize and `kubectl explain` serve) and holds the API conventions
 * that make them pleasant in kubectl: a wpoven category, printer columns in a readable order with Age last, a
 * description on the kind and on every field, conditions as a list-map of metav1.Condition, date-time formats, and
 * CEL rules that name the field they are about.
 */
class CrdConventionsTest {

    static Stream<String> kinds() {
        return CrdConventions.KINDS.keySet().stream().sorted();
    }

    private static final Path CRDS = Path.of("..", "crds");

    static CustomResourceDefinitionVersion version(String kind) throws IOException {
        return crd(kind).getSpec().getVersions().get(0);
    }

    static CustomResourceDefinition crd(String kind) throws IOException {
        try (Stream<Path> files = Files.list(CRDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
                    if (crd.getSpec().getNames().getKind().equals(kind)) {
                        return crd;
                    }
                }
            }
        }
        throw new AssertionError("no CRD of kind " + kind + " in " + CRDS.toAbsolutePath());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindIsInTheWpovenCategory(String kind) throws IOException {
        assertThat(crd(kind).getSpec().getNames().getCategories()).containsExactly("wpoven");
        assertThat(crd(kind).getSpec().getVersions()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void printerColumnsComeInTheDeclaredOrderWithAgeLast(String kind) throws IOException {
        List<String> declared = Arrays.stream(CrdConventions.KINDS.get(kind).getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        List<CustomResourceColumnDefinition> columns = version(kind).getAdditionalPrinterColumns();
        assertThat(columns).extracting(CustomResourceColumnDefinition::getName).containsExactlyElementsOf(declared);
        CustomResourceColumnDefinition last = columns.get(columns.size() - 1);
        assertThat(last.getName()).isEqualTo("Age");
        assertThat(last.getJsonPath()).isEqualTo(".metadata.creationTimestamp");
        assertThat(last.getType()).isEqualTo("date");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sitesAndStagingsShowReadyAndItsMessageRestoresAndBackupsShowComplete(String kind) throws IOException {
        Map<String, String> paths = new java.util.HashMap<>();
        version(kind).getAdditionalPrinterColumns().stream().filter(c -> c.getPriority() == 0)
                .forEach(c -> paths.put(c.getName(), c.getJsonPath()));
        switch (kind) {
            case "WordPressSite", "Staging" -> {
                assertThat(paths).containsEntry("Ready", ".status.conditions[?(@.type==\"Ready\")].status")
                        .containsEntry("Status", ".status.conditions[?(@.type==\"Ready\")].message");
                if (kind.equals("WordPressSite")) {
                    assertThat(paths).containsEntry("URL", ".status.url");
                    assertThat(version(kind).getAdditionalPrinterColumns()).anySatisfy(c -> {
                        assertThat(c.getName()).isEqualTo("Address");
                        assertThat(c.getJsonPath()).isEqualTo(".status.address");
                    });
                }
            }
            default -> assertThat(paths).containsEntry("Complete", ".status.conditions[?(@.type==\"Complete\")].status");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theKindSpecStatusAndEveryFieldAreDescribed(String kind) throws IOException {
        JSONSchemaProps root = version(kind).getSchema().getOpenAPIV3Schema();
        assertThat(root.getDescription()).as("kind description").isNotBlank();
        assertThat(root.getProperties()).containsKeys("spec", "status");
        List<String> undescribed = new ArrayList<>();
        List<String> all = new ArrayList<>();
        walk(root, "", (path, p) -> {
            all.add(path);
            // metadata may restrict name and generateName and say nothing else, not even a description
            if ((p.getDescription() == null || p.getDescription().isBlank()) && !path.equals(".metadata")) {
                undescribed.add(path);
            }
        });
        assertThat(all).as("fields walked").hasSizeGreaterThan(10);
        assertThat(undescribed).as("fields without a description").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void conditionsAreAListMapOfMetav1Conditions(String kind) throws IOException {
        JSONSchemaProps conditions = version(kind).getSchema().getOpenAPIV3Schema().getProperties().get("status")
                .getProperties().get("conditions");
        assertThat(conditions.getType()).isEqualTo("array");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        JSONSchemaProps item = conditions.getItems().getSchema();
        assertThat(item.getProperties()).containsOnlyKeys("type", "status", "reason", "message", "lastTransitionTime",
                "observedGeneration");
        assertThat(item.getRequired()).contains("type", "status", "lastTransitionTime");
        assertThat(item.getProperties().get("status").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"True\"", "\"False\"", "\"Unknown\"");
        assertThat(item.getProperties().get("lastTransitionTime").getFormat()).isEqualTo("date-time");
        assertThat(item.getProperties().get("observedGeneration").getType()).isEqualTo("integer");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyTimestampIsADateTime(String kind) throws IOException {
        List<String> timestamps = new ArrayList<>();
        walk(version(kind).getSchema().getOpenAPIV3Schema(), "", (path, p) -> {
            String name = path.substring(path.lastIndexOf('.') + 1).replace("[]", "");
            if ("string".equals(p.getType()) && (name.equals("time") || name.endsWith("Time"))) {
                timestamps.add(path);
                assertThat(p.getFormat()).as(path).isEqualTo("date-time");
            }
        });
        assertThat(timestamps).as("timestamps found").contains(".status.conditions[].lastTransitionTime");
    }

    /** self.<field>, not a macro over the object itself (self.all(k, …) on a map). */
    private static final Pattern FIELD = Pattern.compile("self\\.(?!(?:all|exists|exists_one|map|filter)\\()([A-Za-z]\\w*)");

    /** A rule on an object that is about some of its fields points at one (fieldPath), so the error names it. */
    @ParameterizedTest
    @MethodSource("kinds")
    void celRulesAboutAFieldNameItInFieldPath(String kind) throws IOException {
        List<String> checked = new ArrayList<>();
        walk(version(kind).getSchema().getOpenAPIV3Schema(), "", (path, p) -> {
            if (!"object".equals(p.getType()) || p.getXKubernetesValidations() == null) {
                return;
            }
            for (ValidationRule rule : p.getXKubernetesValidations()) {
                Matcher m = FIELD.matcher(rule.getRule());
                if (!m.find()) {
                    continue; // about the object as a whole, such as self == oldSelf
                }
                checked.add(path + ": " + rule.getRule());
                assertThat(rule.getFieldPath()).as("fieldPath of %s at %s", rule.getRule(), path).startsWith(".");
                String first = rule.getFieldPath().substring(1).split("\\.")[0];
                assertThat(p.getProperties()).as("fieldPath %s at %s", rule.getFieldPath(), path).containsKey(first);
                assertThat(rule.getRule()).as("the rule mentions its fieldPath").contains("self." + first);
                assertThat(rule.getMessage()).isNotBlank();
            }
        });
        if (!kind.equals("Restore")) {
            assertThat(checked).as("rules checked").isNotEmpty();
        }
    }

    /** metadata.name is restricted at apply to what the operator can make names from. */
    @ParameterizedTest
    @MethodSource("kinds")
    void theNameIsLimitedToWhatTheOperatorCanUse(String kind) throws IOException {
        JSONSchemaProps name = version(kind).getSchema().getOpenAPIV3Schema().getProperties().get("metadata")
                .getProperties().get("name");
        assertThat(name.getType()).isEqualTo("string");
        JSONSchemaProps metadata = version(kind).getSchema().getOpenAPIV3Schema().getProperties().get("metadata");
        assertThat(metadata.getProperties()).as("only name: the API server refuses more").containsOnlyKeys("name");
        assertThat(metadata.getDescription()).as("nor a description of metadata").isNull();
        if (kind.equals("WordPressSite") || kind.equals("Staging")) {
            assertThat(name.getMaxLength()).isEqualTo((long) io.wpoven.operator.support.Names.SITE_NAME_MAX);
            assertThat(name.getPattern()).isEqualTo(io.wpoven.operator.support.Names.SITE_NAME_PATTERN);
        } else {
            assertThat(name.getMaxLength()).isEqualTo(63L);
        }
    }

    /** Names of other objects (classes, claims, Backups) are DNS subdomains: no empty label, so no "..". */
    @ParameterizedTest
    @MethodSource("kinds")
    void referencedNamesAreDnsSubdomains(String kind) throws IOException {
        List<String> checked = new ArrayList<>();
        walk(version(kind).getSchema().getOpenAPIV3Schema(), "", (path, p) -> {
            if (path.endsWith(".storageClassName") || path.endsWith(".claimName") || path.endsWith(".className")
                    || path.equals(".spec.backupRef.name")) {
                checked.add(path);
                assertThat(p.getMaxLength()).as(path).isEqualTo(253L);
                assertThat("fast.ssd").as(path).matches(p.getPattern());
                assertThat("fast..ssd").as(path).doesNotMatch(p.getPattern());
                assertThat("..").as(path).doesNotMatch(p.getPattern());
            }
        });
        assertThat(checked).as("names found").isNotEmpty();
    }

    /** Every property under the root, with its path (.spec.x, .status.y[] for an array's items). */
    static void walk(JSONSchemaProps schema, String path, BiConsumer<String, JSONSchemaProps> visit) {
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, p) -> {
                visit.accept(path + "." + name, p);
                walk(p, path + "." + name, visit);
            });
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walk(schema.getItems().getSchema(), path + "[]", visit);
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            walk(schema.getAdditionalProperties().getSchema(), path + "{}", visit);
        }
    }
}
