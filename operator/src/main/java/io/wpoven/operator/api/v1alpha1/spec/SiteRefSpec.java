package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A WordPressSite in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SiteRefSpec {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @JsonPropertyDescription("Name of the WordPressSite.")
    private String name;

    // --- accessors ---

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
