package io.wpoven.operator.site.dependent;

import java.util.function.Function;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.OperatorConfig;

/** A ClusterIP Service in front of one component's pods, on one named port (and its exporters' metrics ports). */
abstract class SiteServiceDependent extends SiteDependentResource<Service> {
    private final Component component;
    private final Function<HasMetadata, String> name;
    private final String portName;
    private final int port;
    private final boolean headless;

    @Inject
    OperatorConfig config;

    SiteServiceDependent(Component component, Function<HasMetadata, String> name, String portName, int port,
            boolean headless) {
        super(Service.class);
        this.component = component;
        this.name = name;
        this.portName = portName;
        this.port = port;
        this.headless = headless;
    }

    @Override
    protected Service desired(WordPressSite site, Context<WordPressSite> context) {
        ServiceBuilder b = new ServiceBuilder()
                .withNewMetadata()
                .withName(name.apply(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, component))
                .endMetadata()
                .withNewSpec()
                .withSelector(Labels.selector(site, component))
                .addNewPort().withName(portName).withPort(port).withTargetPort(new IntOrString(portName))
                .withProtocol("TCP").endPort()
                .addAllToPorts(Exporters.servicePorts(site, component, config))
                .endSpec();
        if (headless) {
            b.editSpec().withClusterIP("None").endSpec();
        }
        return b.build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(name.apply(site), site.getMetadata().getNamespace());
    }
}
