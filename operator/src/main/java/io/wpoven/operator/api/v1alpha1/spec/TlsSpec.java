package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

/** HTTPS through a cert-manager Certificate for all the site's domains. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @Default("true")
    @JsonPropertyDescription("Request a certificate and serve HTTPS. Needs cert-manager; without it TLSReady says so.")
    private Boolean enabled;

    @JsonPropertyDescription("The cert-manager issuer. Empty means the operator's default (wpoven.tls.issuer-name/kind).")
    private IssuerRefSpec issuerRef;

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public IssuerRefSpec getIssuerRef() {
        return issuerRef;
    }

    public void setIssuerRef(IssuerRefSpec issuerRef) {
        this.issuerRef = issuerRef;
    }
}
