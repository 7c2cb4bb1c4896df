package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** HTTPS through a cert-manager Certificate for all the site's domains. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.duration) || duration(self.duration) >= duration('1h')",
        message = "duration must be at least 1h (cert-manager's minimum)", fieldPath = ".duration")
@ValidationRule(value = "!has(self.renewBefore) || !has(self.duration) || duration(self.renewBefore) < duration(self.duration)",
        message = "renewBefore must be shorter than duration", fieldPath = ".renewBefore")
public class TlsSpec {
    /** A Go duration in hours, minutes and seconds, as cert-manager takes it (e.g. 2160h, 1h30m, 90s). */
    static final String DURATION = "^([0-9]{1,6}h([0-9]{1,6}m)?([0-9]{1,6}s)?|[0-9]{1,6}m([0-9]{1,6}s)?|[0-9]{1,6}s)$";

    @Default("true")
    @JsonPropertyDescription("Request a certificate and serve HTTPS. Needs cert-manager; without it TLSReady says so.")
    private Boolean enabled;

    @JsonPropertyDescription("The cert-manager issuer. Empty means the operator's default (wpoven.tls.issuer-name/kind).")
    private IssuerRefSpec issuerRef;

    @Pattern(DURATION)
    @JsonPropertyDescription("How long the certificate is valid, in hours, minutes and seconds (e.g. 2160h for 90 days; "
            + "at least 1h). Empty means the issuer's default (90 days for Let's Encrypt).")
    private String duration;

    @Pattern(DURATION)
    @JsonPropertyDescription("How long before it expires cert-manager renews the certificate (e.g. 720h); shorter than "
            + "duration. Empty means cert-manager's default, a third of the duration. The site keeps serving the old "
            + "certificate until the new one is in its Secret.")
    private String renewBefore;

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

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getRenewBefore() {
        return renewBefore;
    }

    public void setRenewBefore(String renewBefore) {
        this.renewBefore = renewBefore;
    }
}
