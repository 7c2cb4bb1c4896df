package io.wpoven.e2e.backup;

import static io.wpoven.e2e.harness.TestNamespace.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;

/** Manifests and waits shared by the Backup and Restore tests. */
public final class Backups {
    private Backups() {
    }

    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    public static String backup(String name, String site, String extra) {
        return """
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata:
                  name: %s
                spec:
                  siteRef: {name: %s}
                  storage:
                    persistentVolumeClaim: {claimName: backups}
                %s
                """.formatted(name, site, extra.indent(2));
    }

    public static void storageClaim(TestNamespace ns, String name) {
        ns.apply(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources()
                .endSpec().build());
    }

    static Backup backupObject(TestNamespace ns, String name) {
        return ns.get(Backup.class, name).get();
    }

    static Condition condition(List<Condition> conditions, String type) {
        return conditions == null ? null
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    static boolean has(List<Condition> conditions, String type, String status) {
        Condition c = condition(conditions, type);
        return c != null && status.equals(c.getStatus());
    }

    public static Backup awaitBackup(TestNamespace ns, String name, String type, String status) {
        return within(TIMEOUT).alias("Backup " + name + " " + type + "=" + status).until(() -> backupObject(ns, name),
                b -> b != null && b.getStatus() != null && has(b.getStatus().getConditions(), type, status));
    }

    static Restore awaitRestorePhase(TestNamespace ns, String name, String phase) {
        return within(TIMEOUT).alias("Restore " + name + " phase " + phase).until(() -> ns.get(Restore.class, name).get(),
                r -> r != null && r.getStatus() != null && phase.equals(r.getStatus().getPhase()));
    }

    /** Sets (or, with null, removes) an annotation without optimistic locking: the operator writes the site too. */
    static void annotate(TestNamespace ns, String site, String key, String value) {
        String json = value == null ? "null" : "\"" + value + "\"";
        ns.site(site).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + key + "\":" + json + "}}}");
    }

    static List<Event> events(TestNamespace ns, String kind, String name) {
        return ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
                .filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()))
                .toList();
    }
}
