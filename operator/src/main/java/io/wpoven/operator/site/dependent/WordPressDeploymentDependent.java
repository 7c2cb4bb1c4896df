package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.MalwareScanStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;
import io.wpoven.operator.config.PurgeMuPlugin;
import io.wpoven.operator.site.condition.AutoscalingEnabled;
import io.wpoven.operator.site.condition.ObjectCacheEnabled;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.WordPressRuntime;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/**
 * The WordPress pods: an Nginx backend and PHP-FPM sharing the document root. WordPress core comes from the
 * image into a per-pod emptyDir; wp-content is the site's claim, shared by all pods.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressDeploymentDependent extends SiteDeploymentDependent {
    /** www-data in the official wordpress image; nginx runs as the same user so it reads what PHP writes. */
    static final long UID = 33;
    /** The per-pod document root (an emptyDir) the entrypoint copies the image's core into. */
    public static final String DOCROOT = "/var/www/html";
    /** The container that runs WordPress (the malware scan checks its document root's core). */
    public static final String PHP_CONTAINER = "php-fpm";
    static final String DOCROOT_VOLUME = "docroot";
    static final String CONTENT_VOLUME = "wp-content";
    /** Pod template annotation: the completion time of the Quarantine scan after which the pods were last rolled. */
    public static final String CORE_REFRESH = "wpoven.io/core-refreshed-after-scan";
    /** Where the init container sees the wp-content volume. */
    static final String CONTENT_INIT_DIR = "/wp-content";

    public WordPressDeploymentDependent() {
        super(Component.WORDPRESS, Names::wordpress);
    }

    @Override
    Integer replicas(WordPressSite site) {
        if (Quiesce.active(site)) {
            return 0;
        }
        return AutoscalingEnabled.holds(site) ? null : site.getSpec().getReplicas();
    }

    @Override
    PodTemplateSpec podTemplate(WordPressSite site) {
        WordPressSiteSpec spec = site.getSpec();
        var nginx = Pods.container("nginx", SiteImages.nginx(site, config))
                .withCommand("nginx", "-c", SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.BACKEND_NGINX, "-g", "daemon off;")
                .withResources(spec.getWeb().getResources())
                .addNewPort().withName("http").withContainerPort(Ports.BACKEND).endPort()
                // through nginx to PHP-FPM's ping, from inside the pod (the ping answers loopback only):
                // ready only when both answer
                .withNewReadinessProbe().withNewExec()
                .withCommand("curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:" + Ports.BACKEND + "/fpm-ping")
                .endExec().withPeriodSeconds(5).withTimeoutSeconds(3).endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(10).withFailureThreshold(6).endLivenessProbe()
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(SiteConfigFiles.CONFIG_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName(DOCROOT_VOLUME).withMountPath(DOCROOT).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(CONTENT_VOLUME).withMountPath(DOCROOT + "/wp-content").withReadOnly(true).endVolumeMount()
                .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
                .build();
        var fpm = Pods.container(PHP_CONTAINER, WordPressRuntime.image(site, config))
                .withEnv(wordpressEnv(site))
                .withResources(spec.getWordpress().getResources())
                // PHP-FPM listens on loopback only; the nginx container's readiness probe covers it
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath("/usr/local/etc/php-fpm.d/zz-wpoven.conf")
                .withSubPath(SiteConfigFiles.FPM_POOL).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath("/usr/local/etc/php/conf.d/zz-wpoven.ini")
                .withSubPath(SiteConfigFiles.PHP_INI).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount();
        siteCodeMounts(fpm, site);
        var contentFolders = contentFolders(WordPressRuntime.image(site, config));
        PodTemplateSpec template = Pods.template(config, site, Component.WORDPRESS, UID, new PodSpecBuilder()
                .addToInitContainers(contentFolders)
                // php-fpm first: the runtime creates the wp-content mount point in the shared docroot when the first
                // container starts, and nginx mounts that docroot read-only (it cannot start before that)
                .addToContainers(fpm.build(), nginx)
                .addAllToContainers(Exporters.sidecars(site, Component.WORDPRESS, config))
                .addToVolumes(Pods.configVolume(site, Component.WORDPRESS), Pods.emptyDir(Pods.TMP_VOLUME),
                        Pods.emptyDir(DOCROOT_VOLUME), contentVolume(site)));
        coreRefresh(site).ifPresent(scan -> {
            Map<String, String> annotations = new LinkedHashMap<>(template.getMetadata().getAnnotations());
            annotations.put(CORE_REFRESH, scan);
            template.getMetadata().setAnnotations(annotations);
        });
        return template;
    }

    /** The init container that makes the drop-ins' folders in wp-content as the site's user (see podTemplate). */
    static io.fabric8.kubernetes.api.model.Container contentFolders(String image) {
        return Pods.container("wp-content-folders", image)
                // the folder of PurgeMuPlugin.PATH
                .withCommand("mkdir", "-p", CONTENT_INIT_DIR + "/mu-plugins")
                .withNewResources().addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("16Mi"))
                .addToLimits("memory", new Quantity("64Mi")).endResources()
                .addNewVolumeMount().withName(CONTENT_VOLUME).withMountPath(CONTENT_INIT_DIR).endVolumeMount()
                .build();
    }

    /**
     * The document root (core copied in from the image), the site's wp-content and the operator's drop-ins in it: where
     * WordPress runs, in the pods and in the wp-cron runs alike.
     */
    static void siteCodeMounts(ContainerBuilder php, WordPressSite site) {
        php.addNewVolumeMount().withName(DOCROOT_VOLUME).withMountPath(DOCROOT).endVolumeMount()
                .addNewVolumeMount().withName(CONTENT_VOLUME).withMountPath(DOCROOT + "/wp-content").endVolumeMount();
        php.addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(DOCROOT + "/" + PurgeMuPlugin.PATH)
                .withSubPath(SiteConfigFiles.PURGE_MU_PLUGIN).withReadOnly(true).endVolumeMount();
        if (ObjectCacheEnabled.holds(site)) {
            php.addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(DOCROOT + "/wp-content/object-cache.php")
                    .withSubPath(SiteConfigFiles.OBJECT_CACHE).withReadOnly(true).endVolumeMount();
        }
    }

    /** The wp-content claim as a pod volume. */
    static io.fabric8.kubernetes.api.model.Volume contentVolume(WordPressSite site) {
        return new io.fabric8.kubernetes.api.model.VolumeBuilder().withName(CONTENT_VOLUME).withNewPersistentVolumeClaim()
                .withClaimName(Names.content(site)).endPersistentVolumeClaim().build();
    }

    /**
     * The pods' core is a per-pod copy of the image's that no scan can read: after each malware scan with action
     * Quarantine (status.malwareScan, when it completed) the pods are rolled, so a core file changed inside a running
     * pod lives at most until the next scan. Kept when scanning is turned off, so that does not roll the pods.
     */
    static Optional<String> coreRefresh(WordPressSite site) {
        MalwareScanStatus scan = site.getStatus() == null ? null : site.getStatus().getMalwareScan();
        if (scan == null || !"Quarantine".equals(scan.getAction()) || scan.getLastSuccessfulTime() == null) {
            return Optional.empty();
        }
        return Optional.of(scan.getLastSuccessfulTime());
    }

    /** wp-config.php comes from the official image's env; every secret value is a secretKeyRef. */
    static List<EnvVar> wordpressEnv(WordPressSite site) {
        List<EnvVar> env = new ArrayList<>();
        ExternalDatabaseSpec external = site.getSpec().getDatabase().getExternal();
        if (external != null) {
            env.add(Pods.env("WORDPRESS_DB_HOST", external.getHost() + ":" + external.getPort()));
            env.add(Pods.env("WORDPRESS_DB_NAME", external.getName()));
            env.add(externalSecretEnv("WORDPRESS_DB_USER", external.getCredentialsSecret().getName(),
                    external.getCredentialsSecret().getUsernameKey()));
            env.add(externalSecretEnv("WORDPRESS_DB_PASSWORD", external.getCredentialsSecret().getName(),
                    external.getCredentialsSecret().getPasswordKey()));
        } else {
            env.add(Pods.env("WORDPRESS_DB_HOST", Names.mariadb(site) + ":" + Ports.MARIADB));
            env.add(Pods.env("WORDPRESS_DB_NAME", Names.DATABASE));
            env.add(Pods.env("WORDPRESS_DB_USER", Names.DATABASE_USER));
            env.add(Pods.secretEnv("WORDPRESS_DB_PASSWORD", site, SiteSecretDependent.DB_PASSWORD));
        }
        for (String salt : SiteSecretDependent.SALTS) {
            env.add(Pods.secretEnv("WORDPRESS_" + salt, site, salt));
        }
        env.add(Pods.secretEnv("WPOVEN_REDIS_PASSWORD", site, SiteSecretDependent.REDIS_PASSWORD));
        env.add(Pods.secretEnv("WPOVEN_PURGE_TOKEN", site, SiteSecretDependent.PURGE_TOKEN));
        env.add(Pods.env("WORDPRESS_CONFIG_EXTRA", SiteConfigFiles.wordpressConfigExtra(site)));
        return env;
    }

    private static EnvVar externalSecretEnv(String name, String secret, String key) {
        return new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName(name).withNewValueFrom()
                .withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom().build();
    }
}
