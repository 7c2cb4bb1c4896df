package io.wpoven.operator.staging.condition;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.staging.StagingReconciler;
import io.wpoven.operator.support.Names;

/**
 * The staging site is made only while the live site exists and no other WordPressSite has the Staging's name:
 * a Staging named like an existing site must never take that site over.
 */
public class LiveSiteAndNameFree implements Condition<WordPressSite, Staging> {
    @Override
    public boolean isMet(DependentResource<WordPressSite, Staging> dependent, Staging staging, Context<Staging> context) {
        if (context.getSecondaryResource(WordPressSite.class, StagingReconciler.LIVE).isEmpty()) {
            return false;
        }
        WordPressSite existing = context.getClient().resources(WordPressSite.class)
                .inNamespace(staging.getMetadata().getNamespace()).withName(Names.stagingSite(staging)).get();
        return existing == null || ownedBy(existing, staging);
    }

    public static boolean ownedBy(WordPressSite site, Staging staging) {
        return site.getMetadata().getOwnerReferences() != null && site.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> staging.getMetadata().getUid() != null && staging.getMetadata().getUid().equals(o.getUid()));
    }
}
