package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret key with authorized_keys lines (label wpoven.io/credentials=ssh). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SshKeysSecretSpec {
    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Secret name.")
    private String name;

    @Default("authorized_keys")
    @Size(min = 1, max = 253)
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Key of the Secret with the authorized_keys lines.")
    private String key;

    // --- accessors ---

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
