package io.wpoven.operator.site.dependent;

import java.util.Map;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.IngressSpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.site.SitePolicy;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.Ports;

/** Routes every domain of the site to its front proxy; terminates TLS with the Certificate's Secret. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteIngressDependent extends SiteDependentResource<Ingress> {

    public SiteIngressDependent() {
        super(Ingress.class);
    }

    @Inject
    OperatorConfig config;

    @Override
    protected Ingress desired(WordPressSite site, Context<WordPressSite> context) {
        IngressSpec spec = site.getSpec().getIngress();
        IngressBuilder b = new IngressBuilder()
                .withNewMetadata()
                .withName(Names.ingress(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.PROXY))
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(spec.getClassName())
                .withRules(site.getSpec().getDomains().stream().map(d -> rule(site, d)).toList())
                .endSpec();
        Map<String, String> annotations = SitePolicy.allowedAnnotations(spec.getAnnotations(), config);
        if (!annotations.isEmpty()) {
            b.editMetadata().withAnnotations(annotations).endMetadata();
        }
        if (site.getSpec().getTls().getEnabled()) {
            b.editSpec().addNewTl().withHosts(site.getSpec().getDomains()).withSecretName(Names.tls(site)).endTl().endSpec();
        }
        return b.build();
    }

    private static IngressRule rule(WordPressSite site, String domain) {
        return new IngressRuleBuilder().withHost(domain).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(Names.proxy(site)).withNewPort().withNumber(Ports.PROXY_SERVICE)
                .endPort().endService().endBackend().endPath().endHttp().build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.ingress(site), site.getMetadata().getNamespace());
    }
}
