package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.GatewaySpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * A Gateway API HTTPRoute (spec.gateway) for every domain of the site, attached to the named Gateway and sent to the
 * site's front proxy: the same backend as its Ingress. Active only where the Gateway API CRDs exist.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteHttpRouteDependent extends SiteDependentResource<HTTPRoute> {

    public SiteHttpRouteDependent() {
        super(HTTPRoute.class);
    }

    @Override
    public HTTPRoute desired(WordPressSite site, Context<WordPressSite> context) {
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(Names.httpRoute(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.PROXY))
                .endMetadata()
                .withNewSpec()
                .withParentRefs(parent(site))
                .withHostnames(site.getSpec().getDomains())
                .addNewRule()
                .addNewMatch().withNewPath().withType("PathPrefix").withValue("/").endPath().endMatch()
                .addNewBackendRef().withName(Names.proxy(site)).withPort(Ports.PROXY_SERVICE).endBackendRef()
                .endRule()
                .endSpec()
                .build();
    }

    /** The Gateway (and listener) of spec.gateway; its namespace is the site's unless the spec names another. */
    public static ParentReference parent(WordPressSite site) {
        GatewaySpec spec = site.getSpec().getGateway();
        return new ParentReferenceBuilder()
                .withGroup("gateway.networking.k8s.io")
                .withKind("Gateway")
                .withName(spec.getName())
                .withNamespace(gatewayNamespace(site))
                .withSectionName(spec.getSectionName())
                .build();
    }

    /** The namespace of the Gateway spec.gateway names. */
    public static String gatewayNamespace(WordPressSite site) {
        String ns = site.getSpec().getGateway().getNamespace();
        return ns == null || ns.isBlank() ? site.getMetadata().getNamespace() : ns;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.httpRoute(site), site.getMetadata().getNamespace());
    }
}
