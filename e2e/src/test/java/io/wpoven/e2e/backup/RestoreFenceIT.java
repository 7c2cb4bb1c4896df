package io.wpoven.e2e.backup;

import static io.wpoven.e2e.backup.Backups.awaitBackup;
import static io.wpoven.e2e.backup.Backups.awaitRestorePhase;
import static io.wpoven.e2e.backup.Backups.backup;
import static io.wpoven.e2e.backup.Backups.condition;
import static io.wpoven.e2e.backup.Backups.storageClaim;
import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Restore;

/**
 * A Restore owns the fence it relies on: it never copies beside another holder, starts only once no WordPress pod
 * is left (terminating ones included), and a Restore deleted midway keeps the site fenced while its Job may write.
 * KWOK: API behaviour, the Jobs "complete" without running.
 */
@E2eTest
class RestoreFenceIT {
    static final String FENCE = "wpoven.io/quiesced-by";

    static void siteWithABackup(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        storageClaim(ns, "backups");
        ns.applyRaw(backup("daily", "blog", ""));
        awaitBackup(ns, "daily", "Complete", "True");
    }

    static void restore(TestNamespace ns, String name) {
        ns.applyRaw("""
                apiVersion: wpoven.io/v1alpha1
                kind: Restore
                metadata: {name: %s}
                spec:
                  backupRef: {name: daily}
                  safetyBackup: false
                """.formatted(name));
    }

    static String fence(TestNamespace ns) {
        var a = ns.site("blog").get().getMetadata().getAnnotations();
        return a == null ? null : a.get(FENCE);
    }

    @Test
    void aRestoreWaitsWhileSomeoneElseHoldsTheFenceThenTakesItByUid(TestNamespace ns) {
        siteWithABackup(ns);
        Backups.annotate(ns, "blog", FENCE, "Staging/blog-staging/0000-other");
        restore(ns, "undo");
        within(Backups.TIMEOUT).alias("Restore waits: SiteBusy").until(() -> ns.get(Restore.class, "undo").get(),
                r -> r.getStatus() != null && r.getStatus().getConditions().stream()
                        .anyMatch(c -> "SiteBusy".equals(c.getReason())));
        assertThat(ns.get(Job.class, "undo-restore").get()).as("no copy beside another holder").isNull();
        assertThat(fence(ns)).isEqualTo("Staging/blog-staging/0000-other");

        Backups.annotate(ns, "blog", FENCE, null);
        Job job = within(Backups.TIMEOUT).alias("restore Job").until(() -> ns.get(Job.class, "undo-restore").get(), j -> j != null);
        assertThat(job).isNotNull();
        Restore done = awaitRestorePhase(ns, "undo", "Succeeded");
        assertThat(fence(ns)).as("lifted by its holder").isNull();
        assertThat(done.getMetadata().getUid()).isNotBlank();
    }

    @Test
    void theCopyStartsOnlyOnceNoWordPressPodIsLeftTerminatingOnesIncluded(TestNamespace ns) {
        siteWithABackup(ns);
        // a WordPress pod of the site that takes its time to terminate (held by a finalizer)
        ns.client().pods().inNamespace(ns.name()).resource(new PodBuilder().withNewMetadata().withName("blog-wordpress-slow")
                .withLabels(Map.of("app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", "blog",
                        "app.kubernetes.io/component", "wordpress"))
                .withFinalizers("e2e.wpoven.io/hold").endMetadata()
                .withNewSpec().addNewContainer().withName("php").withImage("registry.k8s.io/pause:3.10")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withRunAsNonRoot(true).withRunAsUser(65534L)
                .withNewCapabilities().withDrop("ALL").endCapabilities().withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext().endContainer().endSpec().build()).create();
        ns.client().pods().inNamespace(ns.name()).withName("blog-wordpress-slow").delete();
        restore(ns, "undo");

        Restore waiting = within(Backups.TIMEOUT).alias("quiesced, waiting for the terminating pod")
                .until(() -> ns.get(Restore.class, "undo").get(), r -> r.getStatus() != null
                        && "Quiescing".equals(r.getStatus().getPhase())
                        && ns.client().apps().deployments().inNamespace(ns.name()).withName("blog-wordpress").get()
                                .getStatus().getReplicas() == null);
        Condition quiesced = condition(waiting.getStatus().getConditions(), "SiteQuiesced");
        assertThat(quiesced.getStatus()).isEqualTo("False");
        Pod slow = ns.client().pods().inNamespace(ns.name()).withName("blog-wordpress-slow").get();
        assertThat(slow.getMetadata().getDeletionTimestamp()).as("still terminating").isNotNull();
        assertThat(ns.get(Job.class, "undo-restore").get()).as("no copy while a WordPress pod may still write").isNull();

        ns.client().pods().inNamespace(ns.name()).withName("blog-wordpress-slow")
                .edit(p -> new PodBuilder(p).editMetadata().withFinalizers(List.of()).endMetadata().build());
        awaitRestorePhase(ns, "undo", "Succeeded");
    }

    @Test
    void aRestoreDeletedWhileItsJobRunsKeepsTheSiteFencedUntilTheJobHasEnded(TestNamespace ns) {
        siteWithABackup(ns);
        // no new pod in the namespace: the restore Job is created but cannot end on its own
        ns.client().resourceQuotas().inNamespace(ns.name()).resource(new ResourceQuotaBuilder().withNewMetadata()
                .withName("no-new-pods").endMetadata().withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build())
                .create();
        restore(ns, "undo");
        within(Backups.TIMEOUT).alias("restore Job").until(() -> ns.get(Job.class, "undo-restore").get(), j -> j != null);
        String holder = fence(ns);
        assertThat(holder).startsWith("Restore/undo/");

        ns.get(Restore.class, "undo").delete();
        within(Duration.ofSeconds(10)).alias("the Restore is being deleted")
                .until(() -> ns.get(Restore.class, "undo").get().getMetadata().getDeletionTimestamp() != null);
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                .alias("the site stays fenced while the Job may write")
                .until(() -> holder.equals(fence(ns)) && ns.get(Restore.class, "undo").get() != null);

        ns.get(Job.class, "undo-restore").withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND)
                .delete();
        within(Backups.TIMEOUT).alias("Restore gone and fence lifted once the Job has ended")
                .until(() -> ns.get(Restore.class, "undo").get() == null && fence(ns) == null);
    }
}
