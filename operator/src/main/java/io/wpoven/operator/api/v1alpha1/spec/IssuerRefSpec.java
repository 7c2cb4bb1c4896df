package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IssuerRefSpec {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the Issuer or ClusterIssuer.")
    private String name;

    @Default("ClusterIssuer")
    @JsonPropertyDescription("Issuer or ClusterIssuer.")
    private Kind kind;

    public enum Kind {
        Issuer, ClusterIssuer
    }

    // --- accessors ---

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }
}
