package io.wpoven.operator.site;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.site.dependent.OwnedObjects;
import io.wpoven.operator.support.Names;

/**
 * The credentials Secret of a site with deletionPolicy Retain outlives the site, like its volumes: the kept database
 * only opens with the kept passwords. On deletion the site lets go of the Secret (its owner reference goes, so the
 * garbage collector keeps it); a site created again under that name adopts it (gets the owner reference) before
 * anything is applied, so the Secret dependent finds it and never generates new passwords.
 */
public final class RetainedCredentials {
    private RetainedCredentials() {
    }

    /** Removes the site's owner reference from its credentials Secret. */
    static void orphan(WordPressSite site, KubernetesClient client) {
        var secret = client.secrets().inNamespace(site.getMetadata().getNamespace()).withName(Names.secret(site));
        Secret current = secret.get();
        if (current != null && ownedBy(current, site.getMetadata().getUid())) {
            secret.edit(s -> {
                s.getMetadata().getOwnerReferences().removeIf(o -> Objects.equals(o.getUid(), site.getMetadata().getUid()));
                return s;
            });
        }
    }

    /**
     * Adopts a retained credentials Secret the site's informer does not show as its own. True when it did (the
     * caller looks again once the informer has the change); false when there was nothing to adopt.
     */
    static boolean adopt(WordPressSite site, Context<WordPressSite> context) {
        // the informer may show the retained Secret (by name) although no owner reference ties it to this site
        var secret = context.getClient().secrets().inNamespace(site.getMetadata().getNamespace()).withName(Names.secret(site));
        Secret current = OwnedObjects.byName(context, Secret.class, Names.secret(site)).orElseGet(secret::get);
        if (!adoptable(current, site)) {
            return false;
        }
        secret.edit(s -> {
            s.getMetadata().setOwnerReferences(adopted(s.getMetadata().getOwnerReferences(), site));
            return s;
        });
        return true;
    }

    /** A Secret the operator made for a site of this name, owned by no live site other than this one. */
    static boolean adoptable(Secret secret, WordPressSite site) {
        if (secret == null || ownedBy(secret, site.getMetadata().getUid())) {
            return false;
        }
        var labels = secret.getMetadata().getLabels();
        return labels != null && Labels.OPERATOR.equals(labels.get(Labels.MANAGED_BY))
                && site.getMetadata().getName().equals(labels.get(Labels.INSTANCE))
                && (secret.getMetadata().getOwnerReferences() == null || secret.getMetadata().getOwnerReferences().stream()
                        .noneMatch(o -> site.getKind().equals(o.getKind())));
    }

    static List<OwnerReference> adopted(List<OwnerReference> refs, WordPressSite site) {
        List<OwnerReference> all = new java.util.ArrayList<>(refs == null ? List.of() : refs);
        if (all.stream().anyMatch(o -> Objects.equals(o.getUid(), site.getMetadata().getUid()))) {
            return all; // adopted already (a cache older than the Secret)
        }
        all.add(new OwnerReferenceBuilder().withApiVersion(site.getApiVersion()).withKind(site.getKind())
                .withName(site.getMetadata().getName()).withUid(site.getMetadata().getUid()).build());
        return all;
    }

    static boolean ownedBy(Secret secret, String uid) {
        return secret.getMetadata().getOwnerReferences() != null
                && secret.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), uid));
    }
}
