package io.wpoven.operator.api.v1alpha1.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** SSH and SFTP into the site as its WordPress user, with public keys only (docs/ssh.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.enabled) || !self.enabled || has(self.authorizedKeys) || has(self.authorizedKeysSecret)", fieldPath = ".authorizedKeys",
        message = "spec.access.ssh: enabled needs authorizedKeys or authorizedKeysSecret (public keys are the only way in)")
public class SshSpec {

    /** One OpenSSH public key line: type, base64 key, an optional comment; no options, no line breaks. */
    public static final String KEY_LINE = "^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521"
            + "|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?$";

    public enum ServiceType {
        @JsonProperty("ClusterIP") CLUSTER_IP("ClusterIP"),
        @JsonProperty("NodePort") NODE_PORT("NodePort"),
        @JsonProperty("LoadBalancer") LOAD_BALANCER("LoadBalancer");

        private final String kubernetes;

        ServiceType(String kubernetes) {
            this.kubernetes = kubernetes;
        }

        /** The Service's spec.type. */
        public String kubernetes() {
            return kubernetes;
        }
    }

    @Default("false")
    @JsonPropertyDescription("An SSH and SFTP server for the site (Deployment and Service <site>-ssh): log in as www-data"
            + " with one of the keys below, in the document root with WordPress core, wp-content, PHP and the MariaDB"
            + " client. Needs the operator's shell image (wpoven.images.shell).")
    private Boolean enabled;

    @Size(max = 100)
    @JsonPropertyDescription("Public keys allowed to log in, one OpenSSH line each (ssh-ed25519, ecdsa-sha2-nistp*, ssh-rsa"
            + " or sk- keys: type, base64 key, optional comment; no options).")
    private List<@Size(max = 16384) @Pattern(KEY_LINE) String> authorizedKeys;

    @JsonPropertyDescription("Further public keys from a Secret of the site's namespace (one key of it, OpenSSH"
            + " authorized_keys lines). The Secret must be labelled wpoven.io/credentials=ssh; it is mounted as it is,"
            + " so a change of it counts at the next login.")
    private SshKeysSecretSpec authorizedKeysSecret;

    @Default("ClusterIP")
    @JsonPropertyDescription("How the SSH Service is exposed: ClusterIP (reach it with kubectl port-forward), NodePort"
            + " or LoadBalancer.")
    private ServiceType serviceType;

    /** Null-safe: a site built without the schema's defaults (tests, older objects) has no SSH. */
    public static boolean on(AccessSpec access) {
        return access != null && access.getSsh() != null && Boolean.TRUE.equals(access.getSsh().enabled);
    }

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAuthorizedKeys() {
        return authorizedKeys;
    }

    public void setAuthorizedKeys(List<String> authorizedKeys) {
        this.authorizedKeys = authorizedKeys;
    }

    public SshKeysSecretSpec getAuthorizedKeysSecret() {
        return authorizedKeysSecret;
    }

    public void setAuthorizedKeysSecret(SshKeysSecretSpec authorizedKeysSecret) {
        this.authorizedKeysSecret = authorizedKeysSecret;
    }

    public ServiceType getServiceType() {
        return serviceType;
    }

    public void setServiceType(ServiceType serviceType) {
        this.serviceType = serviceType;
    }
}
