package io.wpoven.operator.site.dependent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.ProxyNginxConfig;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * The basic-auth login of a protected site: a generated password and its salted SHA-1 htpasswd line ({SSHA},
 * which nginx reads). Create-only like the other credentials; the proxy mounts only the htpasswd key.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class BasicAuthSecretDependent extends KubernetesDependentResource<Secret, WordPressSite>
        implements Creator<Secret, WordPressSite>, GarbageCollected<WordPressSite> {
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String USER = "wpoven";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected Secret desired(WordPressSite site, Context<WordPressSite> context) {
        String password = SiteSecretDependent.random(24);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(USERNAME, USER);
        data.put(PASSWORD, password);
        data.put(ProxyNginxConfig.HTPASSWD_FILE, htpasswd(USER, password));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Names.basicAuth(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.CREDENTIALS))
                .endMetadata()
                .withType("Opaque")
                .withStringData(data)
                .build();
    }

    /** user:{SSHA}base64(sha1(password + salt) + salt) */
    static String htpasswd(String user, String password) {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            sha1.update(salt);
            byte[] digest = sha1.digest();
            byte[] both = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, both, 0, digest.length);
            System.arraycopy(salt, 0, both, digest.length, salt.length);
            return user + ":{SSHA}" + Base64.getEncoder().encodeToString(both) + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public java.util.Optional<Secret> getSecondaryResource(WordPressSite site, Context<WordPressSite> context) {
        return OwnedObjects.byId(eventSource(), targetSecondaryResourceID(site, context));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.basicAuth(site), site.getMetadata().getNamespace());
    }
}
