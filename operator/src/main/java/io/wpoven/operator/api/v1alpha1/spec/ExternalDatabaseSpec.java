package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalDatabaseSpec {

    @Required
    @Pattern("^[a-zA-Z0-9]([-a-zA-Z0-9.]{0,251}[a-zA-Z0-9])?$")
    @JsonPropertyDescription("Host name or IP address of the MySQL/MariaDB server.")
    private String host;

    @Default("3306")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port of the server.")
    private Integer port;

    @Required
    @Pattern("^[A-Za-z0-9_]{1,64}$")
    @JsonPropertyDescription("Database name.")
    private String name;

    @Required
    @JsonPropertyDescription("Secret in the site's namespace with the user name and password.")
    private CredentialsSecretSpec credentialsSecret;

    // --- accessors ---

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public CredentialsSecretSpec getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(CredentialsSecretSpec credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }
}
