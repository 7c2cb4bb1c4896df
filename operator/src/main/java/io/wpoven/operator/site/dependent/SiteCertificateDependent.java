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
        Certificate certificate = new CertificateBuilder()
                .withNewMetadata()
                .withName(Names.tls(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.TLS))
                .endMetadata()
                .withNewSpec()
                .withSecretName(Names.tls(site))
                .withDnsNames(site.getSpec().getDomains())
                .withNewIssuerRef().withName(issuer.name()).withKind(issuer.kind()).withGroup("cert-manager.io").endIssuerRef()
                .endSpec()
                .build();
        // as cert-manager stores them (Go's format, e.g. 2h0m0s), so that the comparison with what it stored matches;
        // fabric8's Duration would write nanoseconds, which cert-manager's webhook rewrites
        goDuration(site.getSpec().getTls().getDuration()).ifPresent(d -> certificate.getSpec().setAdditionalProperty("duration", d));
        goDuration(site.getSpec().getTls().getRenewBefore()).ifPresent(d -> certificate.getSpec().setAdditionalProperty("renewBefore", d));
        return certificate;
    }

    /** spec.tls.duration or renewBefore (hours, minutes and seconds, as the schema allows) in Go's format: 2h0m0s. */
    static java.util.Optional<String> goDuration(String value) {
        if (value == null || value.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.time.Duration d;
        try {
            d = Duration.parse(value).getDuration();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a duration: " + value, e);
        }
        long h = d.toHours(), m = d.toMinutesPart(), sec = d.toSecondsPart();
        return java.util.Optional.of(h > 0 ? h + "h" + m + "m" + sec + "s" : m > 0 ? m + "m" + sec + "s" : sec + "s");
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.tls(site), site.getMetadata().getNamespace());
    }
}
