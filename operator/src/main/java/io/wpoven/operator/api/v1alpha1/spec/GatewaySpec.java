package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;

/**
 * Gateway API routing: an HTTPRoute for the site's domains attached to a Gateway the platform runs. Independent of
 * spec.ingress (either, both or neither). Which namespaces may attach is the Gateway's choice (its listeners'
 * allowedRoutes), so a site owner can name any Gateway but is served only where the platform lets it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.enabled) || !self.enabled || has(self.name)", fieldPath = ".name",
        message = "spec.gateway.name is required when spec.gateway.enabled is true: name the Gateway the site's HTTPRoute attaches to")
public class GatewaySpec {

    /** A Kubernetes namespace's name (a DNS label). */
    public static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    @Default("false")
    @JsonPropertyDescription("Create an HTTPRoute (gateway.networking.k8s.io/v1) for the site's domains, attached to the"
            + " Gateway named here. Needs the Gateway API CRDs in the cluster; without them the site reports"
            + " GatewayRouteReady False (GatewayAPINotInstalled).")
    private Boolean enabled;

    @Size(max = 253)
    @Pattern(WordPressSiteSpec.DNS_NAME)
    @JsonPropertyDescription("The Gateway the HTTPRoute attaches to. Required when enabled.")
    private String name;

    @Size(max = 63)
    @Pattern(NAMESPACE)
    @JsonPropertyDescription("The Gateway's namespace. Empty means the site's namespace. The Gateway's listeners"
            + " (allowedRoutes) decide whether routes from the site's namespace may attach.")
    private String namespace;

    @Size(max = 253)
    @Pattern(WordPressSiteSpec.DNS_NAME)
    @JsonPropertyDescription("The Gateway listener to attach to (its name). Empty means every listener that allows the route.")
    private String sectionName;

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSectionName() {
        return sectionName;
    }

    public void setSectionName(String sectionName) {
        this.sectionName = sectionName;
    }
}
