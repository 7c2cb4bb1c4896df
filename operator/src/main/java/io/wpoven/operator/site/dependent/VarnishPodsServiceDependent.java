package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * Varnish's headless Service: its name resolves to the address of every ready Varnish pod, so that WordPress's purge
 * mu-plugin bans each copy of a page (the ClusterIP Service, {@link VarnishServiceDependent}, reaches one pod a
 * connection). No metrics ports: the ServiceMonitor scrapes each pod once, through the ClusterIP Service.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class VarnishPodsServiceDependent extends SiteDependentResource<Service> {

    public VarnishPodsServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(WordPressSite site, Context<WordPressSite> context) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(Names.varnishPods(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.VARNISH))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(Labels.selector(site, Component.VARNISH))
                .addNewPort().withName("http").withPort(Ports.VARNISH).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.varnishPods(site), site.getMetadata().getNamespace());
    }
}
