package io.wpoven.e2e.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.wpoven.e2e.harness.Repo;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The stack test's WordPressSite (resources stack/site.yaml) as the operator receives it from the API server: with
 * the defaults of the committed CRD's schema filled in the way the API server fills them (structural defaulting:
 * a missing field with a default gets it, then its own fields are defaulted in turn).
 */
public final class SampleSite {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SampleSite() {
    }

    public static WordPressSite load() {
        try (InputStream in = SampleSite.class.getResourceAsStream("/stack/site.yaml")) {
            ObjectNode site = (ObjectNode) YAML.readTree(in);
            JsonNode schema = openApiSchema(Repo.crds().resolve("wordpresssites.wpoven.io.yaml"));
            applyDefaults(schema, site);
            return YAML.treeToValue(site, WordPressSite.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample site", e);
        }
    }

    private static JsonNode openApiSchema(Path crd) throws IOException {
        JsonNode versions = YAML.readTree(Files.readString(crd)).path("spec").path("versions");
        for (JsonNode version : versions) {
            if (version.path("storage").asBoolean()) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("no storage version in " + crd);
    }

    static void applyDefaults(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (!object.has(property.getKey()) && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                    applyDefaults(property.getValue(), object.get(property.getKey()));
                }
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                object.forEach(child -> applyDefaults(additional, child));
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            array.forEach(item -> applyDefaults(schema.get("items"), item));
        }
    }
}
