package io.wpoven.operator.site.dependent;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

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
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * The SSH server's host key (ECDSA P-256, PKCS#8 PEM, which OpenSSH reads): made once, never regenerated, so clients
 * that trusted it keep trusting it across pod restarts. It goes with SSH turned off (a new key when turned on again).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SshHostKeySecretDependent extends KubernetesDependentResource<Secret, WordPressSite>
        implements Creator<Secret, WordPressSite>, GarbageCollected<WordPressSite> {
    /** The Secret's key: the private key, mounted where the shell image's entrypoint looks for it. */
    public static final String HOST_KEY = "ssh_host_key";

    @Override
    protected Secret desired(WordPressSite site, Context<WordPressSite> context) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Names.sshHostKey(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.SHELL))
                .endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(HOST_KEY, newHostKey()))
                .build();
    }

    /** A new ECDSA P-256 private key as PEM ("BEGIN PRIVATE KEY"). */
    static String newHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no ECDSA P-256 key generator", e);
        }
    }

    @Override
    public Optional<Secret> getSecondaryResource(WordPressSite site, Context<WordPressSite> context) {
        return OwnedObjects.byId(eventSource(), targetSecondaryResourceID(site, context));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.sshHostKey(site), site.getMetadata().getNamespace());
    }
}
