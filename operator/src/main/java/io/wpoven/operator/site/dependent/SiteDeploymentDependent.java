package io.wpoven.operator.site.dependent;

import java.util.function.Function;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.OperatorConfig;

/** A Deployment of one component; subclasses give the replicas and the pod template. */
abstract class SiteDeploymentDependent extends SiteDependentResource<Deployment> {
    private final Component component;
    private final Function<HasMetadata, String> name;

    @Inject
    OperatorConfig config;

    SiteDeploymentDependent(Component component, Function<HasMetadata, String> name) {
        super(Deployment.class);
        this.component = component;
        this.name = name;
    }

    /** Wanted replicas, or null to leave them to someone else (the HPA). */
    abstract Integer replicas(WordPressSite site);

    abstract PodTemplateSpec podTemplate(WordPressSite site);

    /** The pod template where it depends on observed objects as well (the proxy: whether the certificate is issued). */
    PodTemplateSpec podTemplate(WordPressSite site, Context<WordPressSite> context) {
        return podTemplate(site);
    }

    @Override
    protected Deployment desired(WordPressSite site, Context<WordPressSite> context) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name.apply(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, component))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas(site))
                .withRevisionHistoryLimit(3)
                .withNewSelector().withMatchLabels(Labels.selector(site, component)).endSelector()
                .withTemplate(podTemplate(site, context))
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(name.apply(site), site.getMetadata().getNamespace());
    }
}
