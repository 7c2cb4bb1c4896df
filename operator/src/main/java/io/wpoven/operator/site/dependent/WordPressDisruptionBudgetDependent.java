package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** Node drains take WordPress pods down one at a time. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressDisruptionBudgetDependent extends SiteDisruptionBudgetDependent {

    public WordPressDisruptionBudgetDependent() {
        super(Component.WORDPRESS, Names::wordpress);
    }

    @Override
    void budget(PodDisruptionBudgetSpecBuilder spec) {
        spec.withMaxUnavailable(one());
    }
}
