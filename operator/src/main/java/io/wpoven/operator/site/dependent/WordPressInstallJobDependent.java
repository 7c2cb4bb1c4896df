package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.condition.ObjectCacheEnabled;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.SiteImages;

/**
 * The one-shot Job that installs WordPress into the site's new database before the site reports Ready, whatever
 * WordPress image the site runs (the official {@code wordpress:*-fpm} included): the image's core is copied into
 * an emptyDir document root and {@code wordpress-install.php} (the site's ConfigMap) calls {@code wp_install()} with
 * the administrator password from the site Secret. It does nothing for a database that is installed already.
 * Create-only: a Job's template cannot change, and a finished Job is the record that the site was installed; to run
 * it again (after a failure was fixed) delete the Job and the operator makes a new one.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressInstallJobDependent extends KubernetesDependentResource<Job, WordPressSite>
        implements Creator<Job, WordPressSite>, GarbageCollected<WordPressSite> {
    /** Attempts: the script itself waits for the database, so a failure is rarely passing. */
    static final int BACKOFF_LIMIT = 2;
    static final long DEADLINE_SECONDS = 900;
    static final String DOCROOT = WordPressDeploymentDependent.DOCROOT;

    @Inject
    OperatorConfig config;

    @Override
    protected Job desired(WordPressSite site, Context<WordPressSite> context) {
        return job(site, SiteImages.wordpress(site, config), config.images().pullSecrets());
    }

    static Job job(WordPressSite site, String image) {
        return job(site, image, java.util.Optional.empty());
    }

    static Job job(WordPressSite site, String image, java.util.Optional<List<String>> operatorPullSecrets) {
        List<EnvVar> env = new ArrayList<>(WordPressDeploymentDependent.wordpressEnv(site));
        env.addAll(WordPressInstallEnv.of(site));
        String script = SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.WORDPRESS_INSTALL;
        var installer = Pods.container("install", image)
                // core from the image (both the official layout and the project's), wp-config.php for the environment
                .withCommand("sh", "-c", "cp -Rn /usr/src/wordpress/. " + DOCROOT + "/"
                        + " && cp /usr/src/wordpress/wp-config-docker.php " + DOCROOT + "/wp-config.php"
                        // with Redis on, WordPress in the Job uses the site's object cache and empties it once installed
                        + (ObjectCacheEnabled.holds(site) ? " && cp " + SiteConfigFiles.CONFIG_DIR + "/"
                                + SiteConfigFiles.OBJECT_CACHE + " " + DOCROOT + "/wp-content/" : "")
                        + " && exec php " + script)
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
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
        var template = Pods.template(operatorPullSecrets, site, Component.INSTALLER, WordPressDeploymentDependent.UID, new PodSpecBuilder()
                .withRestartPolicy("Never")
                .addToContainers(installer.build())
                .addToVolumes(Pods.configVolume(site, Component.INSTALLER), Pods.emptyDir(Pods.TMP_VOLUME),
                        Pods.emptyDir(WordPressDeploymentDependent.DOCROOT_VOLUME)));
        return new JobBuilder()
                .withNewMetadata()
                .withName(Names.installJob(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.INSTALLER))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withActiveDeadlineSeconds(DEADLINE_SECONDS)
                .withTemplate(template)
                .endSpec()
                .build();
    }

    @Override
    public java.util.Optional<Job> getSecondaryResource(WordPressSite site, Context<WordPressSite> context) {
        return OwnedObjects.byId(eventSource(), targetSecondaryResourceID(site, context));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.installJob(site), site.getMetadata().getNamespace());
    }
}
