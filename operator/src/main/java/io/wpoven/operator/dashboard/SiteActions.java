package io.wpoven.operator.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.RestoreSpec;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.dashboard.ApiErrors.BadInput;
import io.wpoven.operator.site.CachePurgeRequests;

/**
 * The one-click actions, each written as the objects and annotations the operator already acts on (docs/), with the
 * client it is given — the signed-in user's. Building an object is a static method (tested without a cluster).
 */
public final class SiteActions {
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern DOMAIN = Pattern.compile(WordPressSiteSpec.DNS_NAME);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final String namespace;

    public SiteActions(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The annotation wpoven.io/purge-cache with a new value: the operator empties the site's Varnish once. */
    public void purgeCache(String site, Instant now) {
        merge(WordPressSite.class, site, Map.of("metadata", Map.of("annotations", Map.of(CachePurgeRequests.ANNOTATION, String.valueOf(now.toEpochMilli())))));
    }

    public void enableHttps(String site) {
        merge(WordPressSite.class, site, Map.of("spec", Map.of("tls", Map.of("enabled", true))));
    }

    public void scale(String site, int replicas) {
        if (replicas < 0 || replicas > 100) {
            throw new BadInput("replicas must be between 0 and 100");
        }
        merge(WordPressSite.class, site, Map.of("spec", Map.of("replicas", replicas)));
    }

    /** A one-off Backup (no schedule) of the site to the storage of its automatic backup, or of its newest Backup. */
    public Backup backUpNow(WordPressSite site, List<Backup> backupsOfSite, Instant now) {
        return client.resource(oneOffBackup(site, backupsOfSite, now)).create();
    }

    public Restore restore(String site, String backup, String artifact, Instant now) {
        return client.resource(restoreOf(site, backup, artifact, now)).create();
    }

    public Staging createStaging(String site, String name, String domain) {
        return client.resource(staging(site, name, domain)).create();
    }

    /** push: staging → live; pull: live → staging. A new request id runs it once. */
    public void sync(String staging, String direction, Instant now) {
        if (!direction.equals("push") && !direction.equals("pull")) {
            throw new BadInput("direction must be push or pull");
        }
        merge(Staging.class, staging, Map.of("spec", Map.of(direction, Map.of("id", "dashboard-" + STAMP.format(now)))));
    }

    /**
     * Clone into a new site in one step: the new WordPressSite (the source's spec, its own name and domain), then a
     * Restore of the source's backup artifact into it (a Restore into another site is a clone: URLs rewritten).
     */
    public WordPressSite cloneInto(WordPressSite source, String newName, String domain, Backup backup, String artifact, Instant now) {
        WordPressSite target = cloneSite(source, newName, domain);
        Restore restore = cloneRestore(source.getMetadata().getName(), newName, backup, artifact, now);
        WordPressSite created = client.resource(target).create();
        client.resource(restore).create();
        return created;
    }

    public WordPressSite addSite(String name, String domain, int replicas) {
        WordPressSite s = new WordPressSite();
        s.setMetadata(new ObjectMetaBuilder().withName(requireName(name)).withNamespace(namespace).build());
        WordPressSiteSpec spec = new WordPressSiteSpec();
        spec.setDomains(List.of(requireDomain(domain)));
        spec.setReplicas(replicas);
        s.setSpec(spec);
        return client.resource(s).create();
    }

    /** Deletes the site only when the typed confirmation is its name. */
    public void delete(String site, String typedName) {
        if (typedName == null || !typedName.strip().equals(site)) {
            throw new BadInput("Type the site's name (" + site + ") to delete it.");
        }
        client.resources(WordPressSite.class).inNamespace(namespace).withName(site).delete();
    }

    // --- the objects ---

    Backup oneOffBackup(WordPressSite site, List<Backup> backupsOfSite, Instant now) {
        BackupStorageSpec storage = site.getSpec().getBackup() != null ? site.getSpec().getBackup().getStorage() : null;
        if (storage == null) {
            storage = backupsOfSite.stream().filter(b -> b.getSpec() != null && b.getSpec().getStorage() != null)
                    .max(java.util.Comparator.comparing(b -> b.getMetadata().getCreationTimestamp() == null ? "" : b.getMetadata().getCreationTimestamp()))
                    .map(b -> b.getSpec().getStorage()).orElse(null);
        }
        if (storage == null) {
            throw new BadInput("The site has no backup storage: set spec.backup.storage or create a Backup with storage first.");
        }
        Backup b = new Backup();
        b.setMetadata(new ObjectMetaBuilder().withName(shorten(site.getMetadata().getName(), "now-" + STAMP.format(now)))
                .withNamespace(namespace).build());
        BackupSpec spec = new BackupSpec();
        spec.setSiteRef(ref(site.getMetadata().getName()));
        spec.setStorage(storage);
        b.setSpec(spec);
        return b;
    }

    Restore restoreOf(String site, String backup, String artifact, Instant now) {
        Restore r = new Restore();
        r.setMetadata(new ObjectMetaBuilder().withName(shorten(site, "restore-" + STAMP.format(now))).withNamespace(namespace).build());
        RestoreSpec spec = new RestoreSpec();
        RestoreSpec.BackupRefSpec ref = new RestoreSpec.BackupRefSpec();
        ref.setName(requireName(backup));
        spec.setBackupRef(ref);
        if (artifact != null && !artifact.isBlank()) {
            spec.setArtifact(artifact.strip());
        }
        spec.setTargetSite(ref(site));
        r.setSpec(spec);
        return r;
    }

    Staging staging(String site, String name, String domain) {
        Staging s = new Staging();
        s.setMetadata(new ObjectMetaBuilder().withName(requireName(name == null || name.isBlank() ? site + "-staging" : name.strip()))
                .withNamespace(namespace).build());
        StagingSpec spec = new StagingSpec();
        spec.setSiteRef(ref(site));
        spec.setDomain(requireDomain(domain));
        s.setSpec(spec);
        return s;
    }

    WordPressSite cloneSite(WordPressSite source, String newName, String domain) {
        WordPressSite target = new WordPressSite();
        target.setMetadata(new ObjectMetaBuilder().withName(requireName(newName)).withNamespace(namespace).build());
        WordPressSiteSpec spec = client.getKubernetesSerialization().clone(source.getSpec());
        spec.setDomains(List.of(requireDomain(domain)));
        target.setSpec(spec);
        return target;
    }

    Restore cloneRestore(String source, String target, Backup backup, String artifact, Instant now) {
        if (backup == null) {
            throw new BadInput("Cloning copies a backup of " + source + ": back it up first.");
        }
        String chosen = artifact != null && !artifact.isBlank() ? artifact.strip()
                : backup.getStatus() != null && backup.getStatus().getLatestArtifact() != null ? backup.getStatus().getLatestArtifact().getName() : null;
        if (chosen == null) {
            throw new BadInput("The Backup " + backup.getMetadata().getName() + " has no complete artifact yet: wait for it, then clone.");
        }
        Restore r = restoreOf(target, backup.getMetadata().getName(), chosen, now);
        r.getMetadata().setName(shorten(target, "clone-" + STAMP.format(now)));
        // nothing to keep in a site made a moment ago
        r.getSpec().setSafetyBackup(false);
        return r;
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void merge(Class<T> type, String name, Map<String, Object> patch) {
        client.resources(type).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    private static SiteRefSpec ref(String name) {
        SiteRefSpec r = new SiteRefSpec();
        r.setName(name);
        return r;
    }

    static String requireName(String name) {
        String n = name == null ? "" : name.strip();
        if (!DNS_LABEL.matcher(n).matches() || n.length() > 53) {
            throw new BadInput("'" + n + "' is not a valid name: lower-case letters, digits and '-', at most 53 characters.");
        }
        return n;
    }

    static String requireDomain(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(java.util.Locale.ROOT);
        if (d.isEmpty() || d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw new BadInput("'" + d + "' is not a host name.");
        }
        return d;
    }

    /** name-suffix, the name cut so the whole stays a valid object name. */
    static String shorten(String name, String suffix) {
        int room = 63 - suffix.length() - 1;
        String head = name.length() > room ? name.substring(0, room).replaceAll("-+$", "") : name;
        return head + "-" + suffix;
    }
}
