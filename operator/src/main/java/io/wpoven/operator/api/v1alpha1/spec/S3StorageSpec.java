package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3StorageSpec {
    @Required
    @Pattern("^https?://[^/\\s]+/?$")
    @JsonPropertyDescription("Endpoint URL, e.g. https://s3.eu-west-1.amazonaws.com or http://minio.storage:9000. Path-style requests.")
    private String endpoint;

    @Required
    @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
    @JsonPropertyDescription("Bucket name; it must exist.")
    private String bucket;

    @Default("us-east-1")
    @Pattern("^[a-z0-9-]{1,32}$")
    @JsonPropertyDescription("Region used in request signing.")
    private String region;

    @Required
    @JsonPropertyDescription("Secret (same namespace) with the access key id and secret access key.")
    private S3CredentialsSpec credentialsSecret;

    @JsonPropertyDescription("A Secret key holding PEM CA certificates to trust for an https endpoint with a private CA.")
    private SecretKeyRefSpec caBundle;

    // --- accessors ---

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public S3CredentialsSpec getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(S3CredentialsSpec credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }

    public SecretKeyRefSpec getCaBundle() {
        return caBundle;
    }

    public void setCaBundle(SecretKeyRefSpec caBundle) {
        this.caBundle = caBundle;
    }
}
