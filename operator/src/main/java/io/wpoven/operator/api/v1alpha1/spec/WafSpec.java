package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The web application firewall: ModSecurity with the OWASP Core Rule Set in the backend nginx, behind Varnish, so
 * only cache misses and passed requests (logins, admin, comments, forms) pay for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WafSpec {

    public enum Mode {
        /** Attacks get 403. */
        @JsonProperty("Block") BLOCK,
        /** Attacks are only logged (nginx's error log): to try the rules on a site before blocking. */
        @JsonProperty("Detect") DETECT
    }

    @Default("false")
    @JsonPropertyDescription("ModSecurity with the OWASP Core Rule Set 3.3 in the WordPress pods' nginx. The nginx image must"
            + " provide Debian's module and rules (the project's images/nginx does, the official nginx image does not; see"
            + " docs/images.md): without them the backend nginx does not start.")
    private Boolean enabled;

    @Default("Block")
    @JsonPropertyDescription("Block: attacks get 403. Detect: they are only logged, to try the rules on a site first.")
    private Mode mode;

    @Default("1")
    @Min(1)
    @Max(4)
    @JsonPropertyDescription("The Core Rule Set's paranoia level: 1 blocks clear attacks with few false positives; higher"
            + " levels catch more and need exclusions for a site's plugins.")
    private Integer paranoiaLevel;

    /** Null-safe: a site built without the schema's defaults (tests, older objects) has no WAF. */
    public static boolean on(WafSpec waf) {
        return waf != null && Boolean.TRUE.equals(waf.enabled);
    }

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Integer getParanoiaLevel() {
        return paranoiaLevel;
    }

    public void setParanoiaLevel(Integer paranoiaLevel) {
        this.paranoiaLevel = paranoiaLevel;
    }
}
