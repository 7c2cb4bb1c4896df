package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * A node drain keeps one Varnish pod serving. Only from 2 replicas (site/condition/VarnishReplicated): with one,
 * minAvailable 1 would refuse its eviction and block the drain for good.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class VarnishDisruptionBudgetDependent extends SiteDisruptionBudgetDependent {

    public VarnishDisruptionBudgetDependent() {
        super(Component.VARNISH, Names::varnish);
    }

    @Override
    void budget(PodDisruptionBudgetSpecBuilder spec) {
        spec.withMinAvailable(one());
    }
}
