package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec.DeletionPolicy;
import io.wpoven.operator.api.v1alpha1.spec.VolumeSpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * The wp-content claim. Its class is immutable (the CRD guards it) and its size only grows, through the
 * storage class. Owned by the site (garbage-collected with it) only with deletionPolicy Delete.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class ContentClaimDependent extends KubernetesDependentResource<PersistentVolumeClaim, WordPressSite>
        implements Creator<PersistentVolumeClaim, WordPressSite>, Updater<PersistentVolumeClaim, WordPressSite> {

    @Override
    protected PersistentVolumeClaim desired(WordPressSite site, Context<WordPressSite> context) {
        PersistentVolumeClaim claim = claim(site, Names.content(site), site.getSpec().getStorage(), Component.STORAGE);
        if (site.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
            claim.getMetadata().getOwnerReferences().add(new OwnerReferenceBuilder()
                    .withApiVersion(site.getApiVersion()).withKind(site.getKind())
                    .withName(site.getMetadata().getName()).withUid(site.getMetadata().getUid())
                    .withBlockOwnerDeletion(true).build());
        }
        return claim;
    }

    static PersistentVolumeClaim claim(WordPressSite site, String name, VolumeSpec volume, Component component) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, component))
                .endMetadata()
                .withNewSpec()
                .withAccessModes(volume.getAccessMode().name())
                .withStorageClassName(volume.getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(volume.getSize())).endResources()
                .endSpec()
                .build();
    }

    @Override
    public java.util.Optional<PersistentVolumeClaim> getSecondaryResource(WordPressSite site, Context<WordPressSite> context) {
        return OwnedObjects.byId(eventSource(), targetSecondaryResourceID(site, context));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.content(site), site.getMetadata().getNamespace());
    }
}
