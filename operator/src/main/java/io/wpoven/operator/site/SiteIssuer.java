package io.wpoven.operator.site;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.IssuerRefSpec;
import io.wpoven.operator.support.OperatorConfig;

/** The cert-manager issuer a site's Certificate names: its spec.tls.issuerRef, else the operator's default. */
public record SiteIssuer(String kind, String name, String namespace) {

    public static SiteIssuer of(WordPressSite site, OperatorConfig config) {
        IssuerRefSpec ref = site.getSpec().getTls().getIssuerRef();
        String name = ref != null ? ref.getName() : config.tls().issuerName();
        String kind = ref != null ? ref.getKind().name() : config.tls().issuerKind();
        return new SiteIssuer(kind, name, "Issuer".equals(kind) ? site.getMetadata().getNamespace() : null);
    }

    /**
     * Whether the issuer is known to be missing: false when it exists, and when it cannot be told (its kind not in
     * the API, or no right to read ClusterIssuers in a namespaced installation).
     */
    public boolean missingIn(KubernetesClient client) {
        try {
            // without the kind in the API (cert-manager partly installed), a 404 would say nothing about the issuer
            var api = client.getApiResources("cert-manager.io/v1");
            if (api == null || api.getResources().stream().noneMatch(r -> kind.equals(r.getKind()))) {
                return false;
            }
            var issuers = client.genericKubernetesResources("cert-manager.io/v1", kind);
            GenericKubernetesResource found = namespace == null ? issuers.withName(name).get()
                    : issuers.inNamespace(namespace).withName(name).get();
            return found == null;
        } catch (KubernetesClientException unknown) {
            return false;
        }
    }

    @Override
    public String toString() {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
