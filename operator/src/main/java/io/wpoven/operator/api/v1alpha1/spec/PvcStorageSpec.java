package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PvcStorageSpec {
    @Required
    @Size(max = 253)
    @Pattern(WordPressSiteSpec.DNS_NAME)
    @JsonPropertyDescription("Name of the claim; it must exist in the Backup's namespace.")
    private String claimName;

    // --- accessors ---

    public String getClaimName() {
        return claimName;
    }

    public void setClaimName(String claimName) {
        this.claimName = claimName;
    }
}
