package io.wpoven.operator.dashboard;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The sites a user may see, read with the user's client: one list call across namespaces (page by page,
 * limit/continue), or one namespace when the user names it (e.g. because listing all namespaces is forbidden).
 */
@ApplicationScoped
public class Fleet {
    @Inject
    DashboardConfig config;

    /** What the fleet page shows. {@code clusterWideForbidden}: the user must name a namespace. */
    public record View(List<FleetRow> rows, int total, boolean clusterWideForbidden, String forbiddenMessage) {
    }

    public View read(KubernetesClient client, String namespace, String q, String state) {
        List<WordPressSite> sites;
        try {
            sites = listAll(client.resources(WordPressSite.class), namespace);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 && (namespace == null || namespace.isBlank())) {
                return new View(List.of(), 0, true, e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
            }
            throw e;
        }
        Map<String, Instant> lastBackup = lastBackups(client, namespace);
        Instant now = Instant.now();
        List<FleetRow> rows = new ArrayList<>();
        for (WordPressSite s : sites) {
            FleetRow row = FleetRow.of(s, lastBackup.get(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()), now);
            if (row.matches(q, state)) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(FleetRow::namespace).thenComparing(FleetRow::name));
        return new View(rows, sites.size(), false, null);
    }

    /** Backups the user may list in the same scope; none when they may not (the column then says "never"). */
    private Map<String, Instant> lastBackups(KubernetesClient client, String namespace) {
        Map<String, Instant> out = new HashMap<>();
        List<Backup> backups;
        try {
            backups = listAll(client.resources(Backup.class), namespace);
        } catch (KubernetesClientException e) {
            return out;
        }
        for (Backup b : backups) {
            if (b.getSpec() == null || b.getSpec().getSiteRef() == null || b.getStatus() == null) {
                continue;
            }
            Instant t = parse(b.getStatus().getLastSuccessfulTime());
            if (t != null) {
                String key = b.getMetadata().getNamespace() + "/" + b.getSpec().getSiteRef().getName();
                out.put(key, FleetRow.newest(out, key, t));
            }
        }
        return out;
    }

    <T extends io.fabric8.kubernetes.api.model.HasMetadata, L extends KubernetesResourceList<T>> List<T> listAll(
            MixedOperation<T, L, Resource<T>> op, String namespace) {
        List<T> all = new ArrayList<>();
        String cont = null;
        do {
            ListOptions opts = new ListOptionsBuilder().withLimit((long) config.pageSize()).withContinue(cont).build();
            L page = namespace == null || namespace.isBlank() ? op.inAnyNamespace().list(opts) : op.inNamespace(namespace).list(opts);
            all.addAll(page.getItems());
            cont = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (cont != null && !cont.isEmpty());
        return all;
    }

    static Instant parse(String time) {
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
