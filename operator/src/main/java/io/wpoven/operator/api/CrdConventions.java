package io.wpoven.operator.api;

import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.node.TextNode;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Names;

/**
 * Finishes the generated CRDs where Fabric8's generator has no annotation for a Kubernetes API convention
 * (quarkus.operator-sdk.crd.post-processor runs it at build time; hack/update-crds.sh commits the result):
 * <ul>
 * <li>the kind's, spec's and status's descriptions, from {@link JsonClassDescription} on their classes;</li>
 * <li>printer columns in the order they are declared on the class (the generator sorts them by JSON path,
 * which put Age first);</li>
 * <li>{@code conditions} typed as metav1.Condition: a list-map keyed by type, status True/False/Unknown, the
 * fields described;</li>
 * <li>{@code format: date-time} on every string field named {@code time} or {@code ...Time} (the API
 * convention's name for a timestamp; the operator writes RFC 3339 into all of them);</li>
 * <li>descriptions on the fields of a container's resources (corev1.ResourceRequirements), and on those of the
 * pod-spec types spec.placement embeds (the pod-spec field each one is);</li>
 * <li>{@code metadata.name} restricted to what the operator can use: a WordPressSite's or Staging's name goes into
 * Service, StatefulSet and Job names ({@link Names#SITE_NAME_MAX}, a DNS-1035 label), a Backup's or Restore's
 * name into label values (63).</li>
 * </ul>
 * CrdConventionsTest reads crds/ and holds all of these, so they stay.
 */
public class CrdConventions implements CRDPostProcessor {

    static final Map<String, Class<? extends CustomResource<?, ?>>> KINDS = Map.of(
            "WordPressSite", WordPressSite.class, "Backup", Backup.class, "Restore", Restore.class,
            "Staging", Staging.class);

    private static final Map<String, String> CONDITION_FIELDS = Map.of(
            "type", "Type of condition in CamelCase, such as Ready; one condition per type.",
            "status", "Status of the condition: True, False or Unknown.",
            "reason", "A programmatic identifier in CamelCase for the condition's last transition, such as AsExpected.",
            "message", "A human readable message about the transition: what happened, or what to do.",
            "lastTransitionTime", "When the condition last changed from one status to another (RFC 3339).",
            "observedGeneration", "The metadata.generation this condition was set for: older than the object's"
                    + " generation means the condition is out of date.");

    private static final Map<String, String> RESOURCE_FIELDS = Map.of(
            "requests", "Minimum compute resources (cpu, memory, ephemeral-storage) the container is scheduled with.",
            "limits", "Maximum compute resources the container may use: above the memory limit it is killed.",
            "claims", "Dynamically allocated resources (DynamicResourceAllocation) the container uses, by name.");

    private static final Map<String, String> CLAIM_FIELDS = Map.of(
            "name", "Name of an entry in the pod's spec.resourceClaims.",
            "request", "One request of that claim; empty makes the whole claim available.");

    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
        if (!(resource instanceof CustomResourceDefinition crd)) {
            return resource;
        }
        Class<? extends CustomResource<?, ?>> kind = KINDS.get(crd.getSpec().getNames().getKind());
        if (kind == null) {
            return resource;
        }
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            version.setAdditionalPrinterColumns(declaredOrder(kind, version.getAdditionalPrinterColumns()));
            JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
            root.setDescription(describe(kind));
            restrictName(root, kind);
            Class<?>[] specAndStatus = specAndStatus(kind);
            describe(root.getProperties().get("spec"), specAndStatus[0]);
            describe(root.getProperties().get("status"), specAndStatus[1]);
            JSONSchemaProps placement = root.getProperties().get("spec").getProperties().get("placement");
            if (placement != null) {
                describePodSpecFields(placement, "pod.spec");
            }
            walk(root);
        }
        return crd;
    }

    private static void restrictName(JSONSchemaProps root, Class<?> kind) {
        JSONSchemaProps name = new JSONSchemaProps();
        name.setType("string");
        if (kind == WordPressSite.class || kind == Staging.class) {
            name.setMaxLength((long) Names.SITE_NAME_MAX);
            name.setPattern(Names.SITE_NAME_PATTERN);
            name.setDescription("At most " + Names.SITE_NAME_MAX + " characters: lowercase letters, digits and '-',"
                    + " starting with a letter, no dots. The site's objects are named after it (<name>-mariadb,"
                    + " <name>-wordpress …), and those names must stay valid.");
        } else {
            name.setMaxLength((long) Names.DNS_LABEL_MAX);
            name.setDescription("At most " + Names.DNS_LABEL_MAX + " characters: the name is a label value on the"
                    + " Jobs made for it.");
        }
        JSONSchemaProps metadata = root.getProperties().get("metadata");
        if (metadata == null) {
            metadata = new JSONSchemaProps();
            metadata.setType("object");
        }
        // nothing else on metadata: the API server refuses a CRD whose metadata schema says more than name/generateName
        metadata.setDescription(null);
        Map<String, JSONSchemaProps> fields = new LinkedHashMap<>();
        fields.put("name", name);
        metadata.setProperties(fields);
        Map<String, JSONSchemaProps> properties = new LinkedHashMap<>(root.getProperties());
        properties.put("metadata", metadata);
        root.setProperties(properties);
    }

    private static List<CustomResourceColumnDefinition> declaredOrder(Class<?> kind,
            List<CustomResourceColumnDefinition> generated) {
        List<String> names = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        List<CustomResourceColumnDefinition> ordered = new ArrayList<>(generated);
        ordered.sort((a, b) -> Integer.compare(rank(names, a), rank(names, b)));
        return ordered;
    }

    private static int rank(List<String> names, CustomResourceColumnDefinition column) {
        int i = names.indexOf(column.getName());
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static Class<?>[] specAndStatus(Class<?> kind) {
        ParameterizedType type = (ParameterizedType) kind.getGenericSuperclass();
        return new Class<?>[] { (Class<?>) type.getActualTypeArguments()[0], (Class<?>) type.getActualTypeArguments()[1] };
    }

    private static void describe(JSONSchemaProps schema, Class<?> type) {
        if (schema != null) {
            schema.setDescription(describe(type));
        }
    }

    private static String describe(Class<?> type) {
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        if (description == null) {
            throw new IllegalStateException(type.getName() + " needs a @JsonClassDescription: it describes the CRD");
        }
        return description.value();
    }

    private static void walk(JSONSchemaProps schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
            String name = e.getKey();
            JSONSchemaProps property = e.getValue();
            if ("string".equals(property.getType()) && (name.equals("time") || name.endsWith("Time"))) {
                property.setFormat("date-time");
            }
            if (name.equals("conditions") && isCondition(property.getItems() == null ? null : property.getItems().getSchema())) {
                listMapOfConditions(property);
            }
            if (isResourceRequirements(property)) {
                describeFields(property, RESOURCE_FIELDS);
                describeFields(property.getProperties().get("claims").getItems().getSchema(), CLAIM_FIELDS);
            }
            walk(property);
            if (property.getItems() != null && property.getItems().getSchema() != null) {
                walk(property.getItems().getSchema());
            }
        }
    }

    /**
     * spec.placement embeds the pod spec's own types (Affinity, Toleration, TopologySpreadConstraint), whose fields
     * Fabric8's model does not describe: each undescribed field names its pod-spec field, which kubectl explains.
     */
    static void describePodSpecFields(JSONSchemaProps schema, String podPath) {
        if (schema.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
                String path = podPath + "." + e.getKey();
                if (e.getValue().getDescription() == null || e.getValue().getDescription().isBlank()) {
                    e.getValue().setDescription("As the pod's " + path + " (`kubectl explain " + path + "`).");
                }
                describePodSpecFields(e.getValue(), path);
            }
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            describePodSpecFields(schema.getItems().getSchema(), podPath);
        }
    }

    private static boolean isCondition(JSONSchemaProps item) {
        return item != null && item.getProperties() != null
                && item.getProperties().keySet().containsAll(Set.of("type", "status", "reason", "message", "lastTransitionTime"));
    }

    private static void listMapOfConditions(JSONSchemaProps conditions) {
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        JSONSchemaProps item = conditions.getItems().getSchema();
        item.setRequired(List.of("type", "status", "lastTransitionTime"));
        describeFields(item, CONDITION_FIELDS);
        Map<String, JSONSchemaProps> fields = new LinkedHashMap<>(item.getProperties());
        fields.get("status").setEnum(List.of(TextNode.valueOf("True"), TextNode.valueOf("False"), TextNode.valueOf("Unknown")));
        fields.get("type").setMaxLength(316L);
        fields.get("reason").setMaxLength(1024L);
        fields.get("message").setMaxLength(32768L);
        fields.get("observedGeneration").setMinimum(0.0);
        item.setProperties(fields);
    }

    private static boolean isResourceRequirements(JSONSchemaProps schema) {
        return schema.getProperties() != null && schema.getProperties().keySet().equals(Set.of("claims", "limits", "requests"));
    }

    private static void describeFields(JSONSchemaProps schema, Map<String, String> descriptions) {
        descriptions.forEach((field, text) -> {
            JSONSchemaProps property = schema.getProperties().get(field);
            if (property != null && (property.getDescription() == null || property.getDescription().isBlank())) {
                property.setDescription(text);
            }
        });
    }
}
