package io.wpoven.operator.api.v1alpha1.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The Ingress that routes the site's domains to its front proxy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressSpec {

    @Default("true")
    @JsonPropertyDescription("Create an Ingress for the site's domains.")
    private Boolean enabled;

    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    @JsonPropertyDescription("IngressClass of this site. Empty means the cluster's default class.")
    private String className;

    @JsonPropertyDescription("Extra annotations on the Ingress, for the ingress controller.")
    private Map<String, String> annotations;

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
