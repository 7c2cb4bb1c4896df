package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** Node drains take WordPress pods down one at a time. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressDisruptionBudgetDependent extends SiteDependentResource<PodDisruptionBudget> {

    public WordPressDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(WordPressSite site, Context<WordPressSite> context) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(Names.wordpress(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.WORDPRESS))
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Labels.selector(site, Component.WORDPRESS)).endSelector()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.wordpress(site), site.getMetadata().getNamespace());
    }
}
