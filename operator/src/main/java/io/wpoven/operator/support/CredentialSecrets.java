package io.wpoven.operator.support;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Secrets a spec may name as credentials (credentialsSecret of S3 storage or an external database). A tenant who
 * may write only wpoven.io objects must not make the operator send another Secret's values (an application's token,
 * another site's password) as an access key id or a user name to an endpoint of the tenant's choice, so a Secret is
 * usable only when it says it is meant for it: the label {@value #LABEL} with the purpose as its value. The operator's
 * own Secrets (a site's generated credentials) never are.
 */
public final class CredentialSecrets {
    private CredentialSecrets() {
    }

    public static final String LABEL = "wpoven.io/credentials";
    /** The value of {@link #LABEL} on a Secret with S3 keys. */
    public static final String S3 = "s3";
    /** The value of {@link #LABEL} on a Secret with an external database's user and password. */
    public static final String DATABASE = "database";
    /** The value of {@link #LABEL} on a Secret with SSH public keys (spec.access.ssh.authorizedKeysSecret). */
    public static final String SSH = "ssh";
    /** The value of {@link #LABEL} on a Secret with a Git repository's user name and password (spec.code.git). */
    public static final String GIT = "git";
    /**
     * The value of {@link #LABEL} on a Secret a site names in spec.podTemplate.imagePullSecrets: the kubelet pulls the
     * site's images with it (the operator-wide pull secrets, set by the platform, need no label).
     */
    public static final String REGISTRY = "registry";
    public static final String REASON = "SecretNotAllowed";

    /**
     * The site's own pull secrets (spec.podTemplate.imagePullSecrets), checked: the first refusal, naming the entry, or
     * empty when every one is usable. The site's pods and every Job for the site pull with them, so all check this.
     */
    public static Optional<String> pullSecretsRefusal(KubernetesClient client, io.wpoven.operator.api.v1alpha1.WordPressSite site) {
        var template = site.getSpec().getPodTemplate();
        java.util.List<String> names = template == null || template.getImagePullSecrets() == null ? java.util.List.of()
                : template.getImagePullSecrets();
        for (int i = 0; i < names.size(); i++) {
            Optional<String> refused = refusal(client, site.getMetadata().getNamespace(), names.get(i), REGISTRY,
                    "spec.podTemplate.imagePullSecrets[" + i + "]");
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /** Why the Secret cannot be used for purpose, or empty when it can. Reads only the Secret's metadata labels. */
    public static Optional<String> refusal(KubernetesClient client, String namespace, String name, String purpose,
            String field) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        return refusal(secret == null ? null : secret.getMetadata().getLabels(), secret != null, name, purpose, field);
    }

    /** The S3 Secrets a Backup's storage names (credentials and CA bundle), checked; empty when usable. */
    public static Optional<String> refusal(KubernetesClient client, String namespace,
            io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec storage, String field) {
        if (storage == null || storage.getS3() == null) {
            return Optional.empty();
        }
        var s3 = storage.getS3();
        Optional<String> credentials = s3.getCredentialsSecret() == null ? Optional.empty()
                : refusal(client, namespace, s3.getCredentialsSecret().getName(), S3, field + ".s3.credentialsSecret");
        if (credentials.isPresent() || s3.getCaBundle() == null) {
            return credentials;
        }
        return refusal(client, namespace, s3.getCaBundle().getName(), S3, field + ".s3.caBundle");
    }

    /** Pure part of {@link #refusal(KubernetesClient, String, String, String, String)}: the Secret's labels in. */
    public static Optional<String> refusal(Map<String, String> labels, boolean exists, String name, String purpose,
            String field) {
        if (!exists) {
            return Optional.of(field + ": Secret " + name + " not found");
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (Labels.OPERATOR.equals(l.get(Labels.MANAGED_BY))) {
            return Optional.of(field + ": Secret " + name + " is made by the operator (a site's own credentials) and"
                    + " cannot be used as credentials");
        }
        if (!purpose.equals(l.get(LABEL))) {
            return Optional.of(field + ": Secret " + name + " is not labelled " + LABEL + "=" + purpose
                    + ": label the Secret to allow its use as " + purpose + " credentials");
        }
        return Optional.empty();
    }
}
