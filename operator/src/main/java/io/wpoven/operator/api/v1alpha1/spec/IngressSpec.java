package io.wpoven.operator.api.v1alpha1.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;

/** The Ingress that routes the site's domains to its front proxy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.annotations) || self.annotations.all(k, k.size() <= 317 && k.matches('"
        + IngressSpec.ANNOTATION_KEY + "'))", fieldPath = ".annotations",
        message = "annotation keys must be qualified names: an optional DNS prefix and '/', then at most 63 letters,"
                + " digits, '-', '_' or '.', beginning and ending with a letter or digit")
public class IngressSpec {

    /** A Kubernetes annotation key: optional DNS-subdomain prefix and '/', then a name of up to 63 characters. */
    public static final String ANNOTATION_KEY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    @Default("true")
    @JsonPropertyDescription("Create an Ingress for the site's domains.")
    private Boolean enabled;

    @Size(max = 253)
    @Pattern(WordPressSiteSpec.DNS_NAME)
    @JsonPropertyDescription("IngressClass of this site. Empty means the cluster's default class.")
    private String className;

    @Size(max = 64)
    @JsonPropertyDescription("Extra annotations on the Ingress, for the ingress controller. Keys must be valid"
            + " annotation keys; only those the platform allows (wpoven.policy.allowed-ingress-annotations, never a *-snippet) are applied.")
    private Map<String, @Size(max = 4096) String> annotations;

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
