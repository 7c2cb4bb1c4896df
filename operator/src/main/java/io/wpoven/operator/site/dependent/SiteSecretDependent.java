package io.wpoven.operator.site.dependent;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * The site's generated credentials: MariaDB root and user passwords, the Redis password, the purge token, the
 * WordPress administrator's password, WordPress's eight keys and salts and the key that signs backup manifests.
 * A reconcile never regenerates a value, which would lock WordPress out of its database and log every user out:
 * it only adds a key an older Secret lacks (as {@link #BACKUP_SIGNING_KEY} for sites created before it existed).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteSecretDependent extends KubernetesDependentResource<Secret, WordPressSite>
        implements Creator<Secret, WordPressSite>, Updater<Secret, WordPressSite>, GarbageCollected<WordPressSite> {

    public static final String DB_ROOT_PASSWORD = "mariadb-root-password";
    public static final String DB_PASSWORD = "mariadb-password";
    /** During a credential rotation: the password being set in MariaDB, moved to {@link #DB_PASSWORD} once set. */
    public static final String DB_PASSWORD_NEXT = "mariadb-password-next";
    public static final String REDIS_PASSWORD = "redis-password";
    /** Varnish accepts PURGE and BAN only with this token (header X-Purge-Token). */
    public static final String PURGE_TOKEN = "purge-token";
    /** The WordPress administrator's password, for an image that installs WordPress itself (WordPressInstallEnv). */
    public static final String ADMIN_PASSWORD = "wordpress-admin-password";
    /** WordPress's keys and salts, as the official image's WORDPRESS_* variables name them. */
    public static final String[] SALTS = { "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
            "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT" };

    /** HMAC key of backup manifests (the tool's ARTIFACT_HMAC_KEY): a restore loads only artifacts signed with it. */
    public static final String BACKUP_SIGNING_KEY = "backup-signing-key";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Override
    protected Secret desired(WordPressSite site, Context<WordPressSite> context) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(DB_ROOT_PASSWORD, random(32));
        data.put(DB_PASSWORD, random(32));
        data.put(REDIS_PASSWORD, random(32));
        data.put(PURGE_TOKEN, random(32));
        data.put(ADMIN_PASSWORD, random(24));
        for (String salt : SALTS) {
            data.put(salt, random(64));
        }
        data.put(BACKUP_SIGNING_KEY, random(64));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Names.secret(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.CREDENTIALS))
                .endMetadata()
                .withType("Opaque")
                .withStringData(data)
                .build();
    }

    /** Matches when every key is there, whatever its value: values are never compared, never regenerated. */
    @Override
    public Matcher.Result<Secret> match(Secret actual, WordPressSite site, Context<WordPressSite> context) {
        Map<String, String> data = actual.getData() == null ? Map.of() : actual.getData();
        return Matcher.Result.nonComputed(data.keySet().containsAll(keys()));
    }

    /** Adds only the keys the Secret lacks; the values it has stay (an optimistic update of the Secret as read). */
    @Override
    public Secret update(Secret actual, Secret desired, WordPressSite site, Context<WordPressSite> context) {
        Secret merged = withMissingKeys(actual, desired);
        return context.getClient().secrets().inNamespace(actual.getMetadata().getNamespace()).resource(merged).update();
    }

    /** actual with the values of desired for the keys actual lacks. */
    static Secret withMissingKeys(Secret actual, Secret desired) {
        Map<String, String> data = new LinkedHashMap<>(actual.getData() == null ? Map.of() : actual.getData());
        desired.getStringData().forEach((key, value) -> data.computeIfAbsent(key,
                k -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder(actual).withData(data).build();
    }

    static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of(DB_ROOT_PASSWORD, DB_PASSWORD, REDIS_PASSWORD, PURGE_TOKEN,
                ADMIN_PASSWORD, BACKUP_SIGNING_KEY));
        keys.addAll(List.of(SALTS));
        return keys;
    }

    @Override
    public java.util.Optional<Secret> getSecondaryResource(WordPressSite site, Context<WordPressSite> context) {
        return OwnedObjects.byId(eventSource(), targetSecondaryResourceID(site, context));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.secret(site), site.getMetadata().getNamespace());
    }

    public static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
