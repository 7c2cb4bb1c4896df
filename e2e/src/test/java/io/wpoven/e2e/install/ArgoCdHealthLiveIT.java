package io.wpoven.e2e.install;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;

/** Argo CD's view of sites the operator really reconciled: Healthy once Ready, Suspended when scaled to zero. */
@E2eTest
class ArgoCdHealthLiveIT {

    @Test
    void aReadySiteIsHealthyAndAScaledDownOneSuspended(TestNamespace ns) throws IOException {
        ArgoHealth health = new ArgoHealth(Repo.root().resolve("manifests/argocd/health/wpoven.io/WordPressSite/health.lua"));
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        Sites.awaitReady(ns, "blog");

        assertThat(health.of(live(ns))).isEqualTo(new ArgoHealth.Status("Healthy", "The site is serving"));

        io.wpoven.e2e.harness.TestNamespace.edit(ns.site("blog"), s -> {
            s.getSpec().setReplicas(0);
            return s;
        });
        within(Duration.ofSeconds(60)).alias("Argo CD health Suspended after scaling to 0")
                .until(() -> health.of(live(ns)), h -> h.status().equals("Suspended"));
    }

    /**
     * The purge-cache action, applied as Argo CD applies an action's output (an update of the object): the
     * operator answers the request in status.cachePurge.
     */
    @Test
    @SuppressWarnings("unchecked")
    void thePurgeCacheActionIsAnsweredByTheOperator(TestNamespace ns) throws IOException {
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        Sites.awaitReady(ns, "blog");
        Path actions = Repo.root().resolve("manifests/argocd/health/wpoven.io/WordPressSite/actions");
        Map<String, Object> offered = (Map<String, Object>) ArgoHealth.runToJava(actions.resolve("discovery.lua"), live(ns));
        assertThat((Map<String, Object>) offered.get("purge-cache")).containsEntry("disabled", false);

        Map<String, Object> output = (Map<String, Object>) ArgoHealth.runToJava(actions.resolve("purge-cache/action.lua"),
                live(ns));
        var client = ns.client();
        GenericKubernetesResource updated = client.getKubernetesSerialization().convertValue(output,
                GenericKubernetesResource.class);
        // unconditional, as the operator may write the site's status meanwhile
        updated.getMetadata().setResourceVersion(null);
        updated.getMetadata().setManagedFields(null);
        io.wpoven.e2e.harness.TestNamespace.againOnConflict(() -> client.genericKubernetesResources("wpoven.io/v1alpha1",
                "WordPressSite").inNamespace(ns.name()).resource(updated).update());
        String request = updated.getMetadata().getAnnotations().get("wpoven.io/purge-cache");
        assertThat(request).isEqualTo("2026-01-06T09:30:00Z");

        within(Duration.ofSeconds(90)).alias("status.cachePurge answers the action's request").until(() -> {
            var status = ns.site("blog").get().getStatus();
            return status.getCachePurge() != null && request.equals(status.getCachePurge().getRequest())
                    && status.getCachePurge().getOutcome() != null;
        });
    }

    /** backup-now's one-off Backup, made from a scheduled Backup, is accepted as it is by the API server. */
    @Test
    @SuppressWarnings("unchecked")
    void theBackupNowActionsBackupIsAcceptedByTheApiServer(TestNamespace ns) throws IOException {
        Map<String, Object> scheduled = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(Repo.root()
                        .resolve("manifests/argocd/health/wpoven.io/Backup/actions/testdata/scheduled.yaml").toFile(), Map.class);
        ((Map<String, Object>) scheduled.get("metadata")).put("namespace", ns.name());
        List<Map<String, Object>> impacted = (List<Map<String, Object>>) ArgoHealth.runToJava(
                Repo.root().resolve("manifests/argocd/health/wpoven.io/Backup/actions/backup-now/action.lua"), scheduled);
        assertThat(impacted).extracting(m -> m.get("operation")).containsExactly("create", "patch");
        var client = ns.client();
        GenericKubernetesResource oneOff = client.getKubernetesSerialization().convertValue(impacted.get(0).get("resource"),
                GenericKubernetesResource.class);
        oneOff.getMetadata().setOwnerReferences(null); // the test has no scheduled Backup with that uid

        GenericKubernetesResource created = client.genericKubernetesResources("wpoven.io/v1alpha1", "Backup")
                .inNamespace(ns.name()).resource(oneOff).dryRun().create();

        assertThat(created.getMetadata().getName()).isEqualTo("blog-nightly-now-20260106093000");
        Map<String, Object> spec = (Map<String, Object>) created.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("deletionPolicy", "Retain").doesNotContainKey("schedule")
                .containsEntry("siteRef", Map.of("name", "blog"));
    }

    /** The site as Argo CD sees it: its JSON as stored. */
    private static Map<?, ?> live(TestNamespace ns) {
        var client = ns.client();
        return client.getKubernetesSerialization().unmarshal(
                client.getKubernetesSerialization().asJson(ns.site("blog").get()), Map.class);
    }
}
