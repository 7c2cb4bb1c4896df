package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsSecretSpec {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Secret name.")
    private String name;

    @Default("username")
    @JsonPropertyDescription("Key of the user name.")
    private String usernameKey;

    @Default("password")
    @JsonPropertyDescription("Key of the password.")
    private String passwordKey;

    // --- accessors ---

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUsernameKey() {
        return usernameKey;
    }

    public void setUsernameKey(String usernameKey) {
        this.usernameKey = usernameKey;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }
}
