package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SshKeysSecretSpec;
import io.wpoven.operator.config.AuthorizedKeys;
import io.wpoven.operator.config.PurgeMuPlugin;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.condition.ObjectCacheEnabled;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/**
 * The site's SSH and SFTP server (spec.access.ssh): one pod of the operator's shell image, as the WordPress pods'
 * user, with what a WordPress pod's PHP-FPM has: core copied into a per-pod document root, the site's wp-content
 * claim, the same drop-ins and php.ini, and the database settings as secretKeyRef variables (the image's entrypoint
 * writes them into wp-config.php and the MariaDB client's login, since an SSH session does not inherit the pod's
 * environment). It writes the site's data, so it stops with the WordPress pods while the site is quiesced.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SshDeploymentDependent extends SiteDeploymentDependent {
    /** sshd runs as www-data, the WordPress pods' user, so what it writes is theirs. */
    static final long UID = WordPressDeploymentDependent.UID;
    public static final String USER = "www-data";
    public static final String CONTAINER = "sshd";
    /** The image's AuthorizedKeysFile lines: the inline keys and the Secret's. */
    static final String KEYS_DIR = "/etc/wpoven/ssh";
    static final String INLINE_KEYS_FILE = "authorized_keys";
    static final String SECRET_KEYS_FILE = "authorized_keys_secret";
    /** Where the image's entrypoint takes the host key from. */
    static final String HOST_KEY_DIR = "/etc/wpoven/ssh-host-key";
    static final String HOME = "/home/www-data";
    static final String KEYS_VOLUME = "authorized-keys";
    static final String HOST_KEY_VOLUME = "host-key";
    static final String HOME_VOLUME = "home";

    public SshDeploymentDependent() {
        super(Component.SHELL, Names::ssh);
    }

    @Override
    Integer replicas(WordPressSite site) {
        return Quiesce.active(site) ? 0 : 1;
    }

    @Override
    PodTemplateSpec podTemplate(WordPressSite site) {
        String docroot = WordPressDeploymentDependent.DOCROOT;
        String image = SiteImages.shell(config).orElseThrow(() -> new IllegalStateException(
                "spec.access.ssh: the operator has no shell image (wpoven.images.shell)"));
        var sshd = Pods.container(CONTAINER, image)
                .withEnv(WordPressDeploymentDependent.wordpressEnv(site))
                .withNewResources().addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("512Mi")).endResources()
                .addNewPort().withName("ssh").withContainerPort(Ports.SSH).endPort()
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("ssh")).endTcpSocket()
                .withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("ssh")).endTcpSocket()
                .withPeriodSeconds(20).withFailureThreshold(3).endLivenessProbe()
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath("/usr/local/etc/php/conf.d/zz-wpoven.ini")
                .withSubPath(SiteConfigFiles.PHP_INI).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName(HOME_VOLUME).withMountPath(HOME).endVolumeMount()
                .addNewVolumeMount().withName(WordPressDeploymentDependent.DOCROOT_VOLUME).withMountPath(docroot).endVolumeMount()
                .addNewVolumeMount().withName(WordPressDeploymentDependent.CONTENT_VOLUME).withMountPath(docroot + "/wp-content")
                .endVolumeMount()
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(docroot + "/" + PurgeMuPlugin.PATH)
                .withSubPath(SiteConfigFiles.PURGE_MU_PLUGIN).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(KEYS_VOLUME).withMountPath(KEYS_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(HOST_KEY_VOLUME).withMountPath(HOST_KEY_DIR).withReadOnly(true).endVolumeMount()
                .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext();
        if (ObjectCacheEnabled.holds(site)) {
            sshd.addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(docroot + "/wp-content/object-cache.php")
                    .withSubPath(SiteConfigFiles.OBJECT_CACHE).withReadOnly(true).endVolumeMount();
        }
        return Pods.template(config, site, Component.SHELL, UID, new PodSpecBuilder()
                .addToInitContainers(WordPressDeploymentDependent.contentFolders(image))
                .addToContainers(sshd.build())
                .addToVolumes(Pods.configVolume(site, Component.SHELL), Pods.emptyDir(Pods.TMP_VOLUME),
                        Pods.emptyDir(HOME_VOLUME), Pods.emptyDir(WordPressDeploymentDependent.DOCROOT_VOLUME))
                .addNewVolume().withName(WordPressDeploymentDependent.CONTENT_VOLUME).withNewPersistentVolumeClaim()
                .withClaimName(Names.content(site)).endPersistentVolumeClaim().endVolume()
                .addToVolumes(new VolumeBuilder().withName(KEYS_VOLUME).withNewProjected().withDefaultMode(0444)
                        .withSources(keySources(site)).endProjected().build())
                .addNewVolume().withName(HOST_KEY_VOLUME).withNewSecret().withSecretName(Names.sshHostKey(site))
                // root's, group www-data (fsGroup): readable by sshd only
                .withDefaultMode(0440).endSecret().endVolume());
    }

    /**
     * The inline keys from the site's ConfigMap and the keys of the referenced Secret, mounted as they are (a
     * Secret's content never leaves it); sshd reads both files at each login.
     */
    static List<VolumeProjection> keySources(WordPressSite site) {
        List<VolumeProjection> sources = new ArrayList<>();
        if (!AuthorizedKeys.inline(site).isEmpty()) {
            sources.add(new VolumeProjectionBuilder().withNewConfigMap().withName(Names.config(site))
                    .addNewItem().withKey(SiteConfigFiles.SSH_AUTHORIZED_KEYS).withPath(INLINE_KEYS_FILE).endItem()
                    .endConfigMap().build());
        }
        SshKeysSecretSpec secret = site.getSpec().getAccess().getSsh().getAuthorizedKeysSecret();
        if (secret != null) {
            sources.add(new VolumeProjectionBuilder().withNewSecret().withName(secret.getName())
                    .addNewItem().withKey(keyOf(secret)).withPath(SECRET_KEYS_FILE).endItem()
                    .endSecret().build());
        }
        return sources;
    }

    static String keyOf(SshKeysSecretSpec secret) {
        return secret.getKey() == null ? "authorized_keys" : secret.getKey();
    }
}
