package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.condition.ObjectCacheEnabled;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/**
 * The Jobs of a change of a site's WordPress image (docs/wordpress-runtime.md), run in the new image with the
 * site's database settings (secretKeyRef) like the install Job, whose NetworkPolicy peers they share: {@code check}
 * reads what the image runs and the database's schema version; {@code upgrade} copies the core into an emptyDir
 * document root and runs {@code wp_upgrade()} through the site's object cache (so the pods never read a stale
 * db_version from Redis). Each writes one JSON line as its termination message. Built from the spec alone.
 */
public final class WordPressRuntimeJobs {
    public static final String CHECK = "check";
    public static final String UPGRADE = "upgrade";
    static final long CHECK_DEADLINE_SECONDS = 300;
    static final long UPGRADE_DEADLINE_SECONDS = 1800;
    static final String DOCROOT = WordPressDeploymentDependent.DOCROOT;

    private WordPressRuntimeJobs() {
    }

    public static long deadlineSeconds(String mode) {
        return CHECK.equals(mode) ? CHECK_DEADLINE_SECONDS : UPGRADE_DEADLINE_SECONDS;
    }

    /** A Job of that mode ({@link #CHECK} or {@link #UPGRADE}) named {@code name}, in {@code image}, owned by the site. */
    public static Job job(WordPressSite site, String mode, String name, String image, String change,
            Optional<List<String>> pullSecrets) {
        List<EnvVar> env = new ArrayList<>(WordPressDeploymentDependent.wordpressEnv(site));
        env.addAll(WordPressInstallEnv.of(site).stream().filter(e -> e.getValueFrom() == null).toList());
        String script = SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.WORDPRESS_RUNTIME;
        String command = CHECK.equals(mode) ? "exec php " + script + " check"
                : "cp -Rn /usr/src/wordpress/. " + DOCROOT + "/"
                        + " && cp /usr/src/wordpress/wp-config-docker.php " + DOCROOT + "/wp-config.php"
                        + (ObjectCacheEnabled.holds(site) ? " && cp " + SiteConfigFiles.CONFIG_DIR + "/"
                                + SiteConfigFiles.OBJECT_CACHE + " " + DOCROOT + "/wp-content/" : "")
                        + " && exec php " + script + " upgrade";
        var php = Pods.container(mode, image)
                .withCommand("sh", "-c", command)
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")))
                        .withLimits(Map.of("memory", new Quantity("512Mi")))
                        .build())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(SiteConfigFiles.CONFIG_DIR)
                .withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath("/usr/local/etc/php/conf.d/zz-wpoven.ini")
                .withSubPath(SiteConfigFiles.PHP_INI).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName(WordPressDeploymentDependent.DOCROOT_VOLUME).withMountPath(DOCROOT)
                .endVolumeMount();
        // the install Job's labels: MariaDB and Redis admit them
        var template = Pods.template(pullSecrets, site, Component.INSTALLER, WordPressDeploymentDependent.UID,
                new PodSpecBuilder()
                        .withRestartPolicy("Never")
                        .addToContainers(php.build())
                        .addToVolumes(Pods.configVolume(site, Component.INSTALLER), Pods.emptyDir(Pods.TMP_VOLUME),
                                Pods.emptyDir(WordPressDeploymentDependent.DOCROOT_VOLUME)));
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.INSTALLER))
                .withAnnotations(Map.of(Labels.WORDPRESS_CHANGE, change))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(site.getApiVersion()).withKind(site.getKind())
                        .withName(site.getMetadata().getName()).withUid(site.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(CHECK.equals(mode) ? 2 : 0)
                .withActiveDeadlineSeconds(deadlineSeconds(mode))
                .withTemplate(template)
                .endSpec()
                .build();
    }
}
