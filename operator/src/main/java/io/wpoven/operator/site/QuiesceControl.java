package io.wpoven.operator.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * The fence of a site: what a Restore or a Staging push/pull holds while it overwrites the site's data. The
 * {@link Quiesce#ANNOTATION} names one holder, an identity made from the CR's uid ({@link #holder}); it is taken only
 * when free (compare-and-set on the site's resourceVersion), handed over only by its holder, and lifted only by its
 * holder. While it is held no WordPress pod runs (the Deployment and autoscaler read it), so one copy step at a time
 * writes to the site, and only once {@link #stopped} says no pod is left, terminating ones included.
 */
public final class QuiesceControl {
    private QuiesceControl() {
    }

    /** A fence holder's identity: kind, name and uid, so a CR of the same name created again is someone else. */
    public static String holder(HasMetadata owner) {
        return owner.getKind() + "/" + owner.getMetadata().getName() + "/" + owner.getMetadata().getUid();
    }

    /** Takes the fence for owner if nobody holds it; true when owner holds it now. */
    public static boolean acquire(KubernetesClient client, WordPressSite site, String owner) {
        return compareAndSet(client, site, null, owner, null);
    }

    /** Hands the fence from one holder to another (a failed push to its rollback Restore); true when done. */
    public static boolean transfer(KubernetesClient client, WordPressSite site, String from, String to) {
        return compareAndSet(client, site, from, to, null);
    }

    /** Lifts the fence if this owner holds it; with a purge request, also asks the site to purge its caches. */
    public static void lift(KubernetesClient client, WordPressSite site, String owner, String purgeRequest) {
        if (purgeRequest == null && Quiesce.by(site).filter(owner::equals).isEmpty()) {
            return;
        }
        compareAndSet(client, site, owner, null, purgeRequest);
    }

    /**
     * Sets the holder to {@code to} when it is {@code from} now (null: free), in one write that fails if the site
     * changed since it was read; retried on such a conflict. A purge request is written with it, whatever the fence.
     */
    private static boolean compareAndSet(KubernetesClient client, WordPressSite site, String from, String to,
            String purgeRequest) {
        var resource = client.resources(WordPressSite.class).inNamespace(site.getMetadata().getNamespace())
                .withName(site.getMetadata().getName());
        for (int attempt = 0; attempt < 5; attempt++) {
            WordPressSite fresh = resource.get();
            if (fresh == null) {
                return false;
            }
            Map<String, String> annotations = fresh.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(fresh.getMetadata().getAnnotations());
            String holder = annotations.get(Quiesce.ANNOTATION);
            boolean fenced;
            if (Objects.equals(holder, to)) {
                fenced = true; // already as wanted
            } else if (Objects.equals(holder, from)) {
                if (to == null) {
                    annotations.remove(Quiesce.ANNOTATION);
                } else {
                    annotations.put(Quiesce.ANNOTATION, to);
                }
                fenced = true;
            } else {
                fenced = false; // someone else holds it
            }
            if (!fenced && purgeRequest == null) {
                return false;
            }
            if (purgeRequest != null) {
                annotations.put(CachePurgeRequests.ANNOTATION, purgeRequest);
            }
            if (annotations.equals(fresh.getMetadata().getAnnotations() == null ? Map.of() : fresh.getMetadata().getAnnotations())) {
                return fenced;
            }
            fresh.getMetadata().setAnnotations(annotations);
            try {
                // update() sends the resourceVersion read above: a concurrent change is a 409, never overwritten
                client.resource(fresh).update();
                return fenced;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        return false;
    }

    /**
     * The site's WordPress Deployment wants no pod, and no WordPress pod is left, not even one still terminating
     * (a pod in its grace period can still write), nor a wp-cron run that has not ended.
     */
    public static boolean stopped(KubernetesClient client, WordPressSite site) {
        Deployment wordpress = client.apps().deployments().inNamespace(site.getMetadata().getNamespace())
                .withName(Names.wordpress(site)).get();
        boolean scaledDown = wordpress == null || (Integer.valueOf(0).equals(wordpress.getSpec().getReplicas())
                && (wordpress.getStatus() == null || wordpress.getStatus().getReplicas() == null
                        || wordpress.getStatus().getReplicas() == 0));
        return scaledDown && noPodsLeft(client.pods().inNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.selector(site, Component.WORDPRESS)).list().getItems())
                // a Git deploy Job writes wp-content too: the fence holder waits for it to end
                && client.batch().v1().jobs().inNamespace(site.getMetadata().getNamespace())
                        .withLabel(Labels.CODE_DEPLOY, site.getMetadata().getName()).list().getItems().stream()
                        .noneMatch(j -> io.wpoven.operator.jobs.JobOutcome.of(j).state()
                                == io.wpoven.operator.jobs.JobOutcome.State.RUNNING)
                // a wp-cron run started before the fence writes too (its CronJob is suspended while fenced)
                && noPodsLeft(client.pods().inNamespace(site.getMetadata().getNamespace())
                        .withLabels(Labels.selector(site, Component.CRON)).list().getItems().stream()
                        .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                        .toList());
    }

    /**
     * After the fence is lifted: the site serves again, a WordPress pod of the Deployment's current generation ready
     * (or the site asks for none: replicas 0 without autoscaling).
     */
    public static boolean serving(KubernetesClient client, WordPressSite site) {
        return serving(site, client.apps().deployments().inNamespace(site.getMetadata().getNamespace())
                .withName(Names.wordpress(site)).get());
    }

    /** Pure part of {@link #serving}. */
    static boolean serving(WordPressSite site, Deployment wordpress) {
        if (!io.wpoven.operator.site.condition.AutoscalingEnabled.holds(site)
                && Integer.valueOf(0).equals(site.getSpec().getReplicas())) {
            return true;
        }
        if (wordpress == null || wordpress.getStatus() == null || wordpress.getSpec().getReplicas() == null
                || wordpress.getSpec().getReplicas() < 1) {
            return false; // not scaled up again yet
        }
        var status = wordpress.getStatus();
        return status.getObservedGeneration() != null
                && status.getObservedGeneration() >= wordpress.getMetadata().getGeneration()
                && status.getReadyReplicas() != null && status.getReadyReplicas() >= 1;
    }

    /** Pure part of {@link #stopped}: the WordPress pods listed, terminating ones counted. */
    static boolean noPodsLeft(List<Pod> pods) {
        return pods.isEmpty();
    }
}
