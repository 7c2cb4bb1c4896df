package io.wpoven.operator.site;

import java.util.Optional;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.condition.CertManagerInstalled;
import io.wpoven.operator.site.condition.TlsEnabled;
import io.wpoven.operator.site.dependent.OwnedObjects;
import io.wpoven.operator.support.Names;

/**
 * Whether the site is served over HTTPS: TLS asked for and its Certificate issued (cert-manager's Ready condition, the
 * same test as TLSReady). Only then does the proxy redirect HTTP to HTTPS and send HSTS: a site whose certificate is
 * missing (no cert-manager, an issuer that fails) stays reachable over HTTP.
 */
public final class SiteHttps {
    private SiteHttps() {
    }

    /**
     * From the informers' caches, no API call (cert-manager's CRD from its watch). Without a context (desired state
     * built on its own, as the unit tests do) nothing is observed, so nothing is issued.
     */
    public static boolean served(WordPressSite site, Context<WordPressSite> context) {
        return context != null && TlsEnabled.holds(site) && CertManagerInstalled.check(context.getClient())
                && OwnedObjects.byName(context, Certificate.class, Names.tls(site)).map(SiteHttps::issued).orElse(false);
    }

    /** cert-manager says the certificate is issued and up to date (its Ready condition is True). */
    public static boolean issued(Certificate certificate) {
        return ready(certificate).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<io.fabric8.certmanager.api.model.v1.CertificateCondition> ready(Certificate certificate) {
        return Optional.ofNullable(certificate.getStatus()).map(s -> s.getConditions()).orElse(java.util.List.of())
                .stream().filter(x -> "Ready".equals(x.getType())).findFirst();
    }
}
