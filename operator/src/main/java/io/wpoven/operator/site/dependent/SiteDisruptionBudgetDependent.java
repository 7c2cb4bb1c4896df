package io.wpoven.operator.site.dependent;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/** A PodDisruptionBudget over one component's pods of a site, named like the component; the budget from the subclass. */
abstract class SiteDisruptionBudgetDependent extends SiteDependentResource<PodDisruptionBudget> {
    private final Component component;
    private final Function<HasMetadata, String> name;

    SiteDisruptionBudgetDependent(Component component, Function<HasMetadata, String> name) {
        super(PodDisruptionBudget.class);
        this.component = component;
        this.name = name;
    }

    /** maxUnavailable or minAvailable. */
    abstract void budget(PodDisruptionBudgetSpecBuilder spec);

    @Override
    protected PodDisruptionBudget desired(WordPressSite site, Context<WordPressSite> context) {
        PodDisruptionBudgetSpecBuilder spec = new PodDisruptionBudgetSpecBuilder()
                .withNewSelector().withMatchLabels(Labels.selector(site, component)).endSelector();
        budget(spec);
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(name.apply(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, component))
                .endMetadata()
                .withSpec(spec.build())
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(name.apply(site), site.getMetadata().getNamespace());
    }

    static IntOrString one() {
        return new IntOrString(1);
    }
}
