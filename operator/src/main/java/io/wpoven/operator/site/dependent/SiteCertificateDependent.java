package io.wpoven.operator.site.dependent;

import jakarta.inject.Inject;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.Duration;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.SiteIssuer;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/** A cert-manager Certificate for all the site's domains; active only where cert-manager's CRDs exist. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteCertificateDependent extends SiteDependentResource<Certificate> {

    public SiteCertificateDependent() {
        super(Certificate.class);
    }

    @Inject
    OperatorConfig config;

    @Override
    protected Certificate desired(WordPressSite site, Context<WordPressSite> context) {
        SiteIssuer issuer = SiteIssuer.of(site, config);
        return new CertificateBuilder()
                .withNewMetadata()
                .withName(Names.tls(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.TLS))
                .endMetadata()
                .withNewSpec()
                .withSecretName(Names.tls(site))
                .withDnsNames(site.getSpec().getDomains())
                .withNewIssuerRef().withName(issuer.name()).withKind(issuer.kind()).withGroup("cert-manager.io").endIssuerRef()
                .withDuration(duration(site.getSpec().getTls().getDuration()))
                .withRenewBefore(duration(site.getSpec().getTls().getRenewBefore()))
                .endSpec()
                .build();
    }

    /** spec.tls.duration and renewBefore as cert-manager takes them (the schema allows only h, m and s). */
    private static Duration duration(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a duration: " + value, e);
        }
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.tls(site), site.getMetadata().getNamespace());
    }
}
