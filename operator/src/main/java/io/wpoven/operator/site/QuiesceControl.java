package io.wpoven.operator.site;

import java.util.HashMap;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Names;

/**
 * What a Restore or a Staging push does to the site it overwrites: quiesce it (annotation), see that no
 * WordPress pod runs any more, and lift the quiesce again, optionally asking for a cache purge in the same
 * write. Annotations are changed with a merge of the current object, never the spec.
 */
public final class QuiesceControl {
    private QuiesceControl() {
    }

    public static void quiesce(KubernetesClient client, WordPressSite site, String owner) {
        annotate(client, site, a -> a.put(Quiesce.ANNOTATION, owner));
    }

    /** Lifts the quiesce if this owner holds it; with a purge request, also asks the site to purge its caches. */
    public static void lift(KubernetesClient client, WordPressSite site, String owner, String purgeRequest) {
        if (purgeRequest == null && Quiesce.by(site).filter(owner::equals).isEmpty()) {
            return;
        }
        annotate(client, site, a -> {
            if (owner.equals(a.get(Quiesce.ANNOTATION))) {
                a.remove(Quiesce.ANNOTATION);
            }
            if (purgeRequest != null) {
                a.put(CachePurgeRequests.ANNOTATION, purgeRequest);
            }
        });
    }

    /** The site's WordPress Deployment wants no pod and has none left. */
    public static boolean stopped(KubernetesClient client, WordPressSite site) {
        Deployment wordpress = client.apps().deployments().inNamespace(site.getMetadata().getNamespace())
                .withName(Names.wordpress(site)).get();
        return wordpress == null || (Integer.valueOf(0).equals(wordpress.getSpec().getReplicas())
                && (wordpress.getStatus() == null || wordpress.getStatus().getReplicas() == null
                        || wordpress.getStatus().getReplicas() == 0));
    }

    private static void annotate(KubernetesClient client, WordPressSite site, Consumer<java.util.Map<String, String>> change) {
        client.resources(WordPressSite.class).inNamespace(site.getMetadata().getNamespace())
                .withName(site.getMetadata().getName()).edit(s -> {
                    if (s.getMetadata().getAnnotations() == null) {
                        s.getMetadata().setAnnotations(new HashMap<>());
                    }
                    change.accept(s.getMetadata().getAnnotations());
                    return s;
                });
    }
}
