package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CronSpec;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.WordPressRuntime;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * WordPress's scheduled events (spec.wordpress.cron): a CronJob whose runs do what a WordPress pod does on start (core
 * from the image into an emptyDir document root, wp-config.php for the environment, the site's wp-content and the
 * operator's drop-ins mounted) and then {@code php wp-cron.php}, which runs every due event and exits. wp-config has
 * DISABLE_WP_CRON, so page views never run them. One run at a time; a run that cannot start on time is skipped (the
 * next one runs whatever is due); no run while the site is fenced (a restore or a push replaces its data).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressCronJobDependent extends SiteDependentResource<CronJob> {
    /** A run is a few seconds (events are meant to be short); a hung one ends well before it blocks many others. */
    static final long DEADLINE_SECONDS = 240;
    static final long STARTING_DEADLINE_SECONDS = 60;
    static final String DOCROOT = WordPressDeploymentDependent.DOCROOT;

    @Inject
    OperatorConfig config;

    public WordPressCronJobDependent() {
        super(CronJob.class);
    }

    @Override
    protected CronJob desired(WordPressSite site, Context<WordPressSite> context) {
        return cronJob(site, WordPressRuntime.image(site, config), config.images().pullSecrets());
    }

    static CronJob cronJob(WordPressSite site, String image, Optional<List<String>> operatorPullSecrets) {
        CronSpec spec = site.getSpec().getWordpress().getCron();
        List<EnvVar> env = new ArrayList<>(WordPressDeploymentDependent.wordpressEnv(site));
        var php = Pods.container("wp-cron", image)
                // the core and wp-config.php as the image's entrypoint puts them in the pods; -n keeps wp-content's files
                .withCommand("sh", "-c", "cp -Rn /usr/src/wordpress/. " + DOCROOT + "/"
                        + " && cp /usr/src/wordpress/wp-config-docker.php " + DOCROOT + "/wp-config.php"
                        + " && cd " + DOCROOT + " && exec php wp-cron.php")
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")))
                        // what one PHP-FPM container may use (spec.wordpress.resources)
                        .withLimits(Map.of("memory", memoryLimit(site)))
                        .build())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath("/usr/local/etc/php/conf.d/zz-wpoven.ini")
                .withSubPath(SiteConfigFiles.PHP_INI).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount();
        WordPressDeploymentDependent.siteCodeMounts(php, site);
        var template = Pods.template(operatorPullSecrets, site, Component.CRON, WordPressDeploymentDependent.UID,
                new PodSpecBuilder()
                        .withRestartPolicy("Never")
                        .addToInitContainers(WordPressDeploymentDependent.contentFolders(image))
                        .addToContainers(php.build())
                        .addToVolumes(Pods.configVolume(site, Component.CRON), Pods.emptyDir(Pods.TMP_VOLUME),
                                Pods.emptyDir(WordPressDeploymentDependent.DOCROOT_VOLUME),
                                WordPressDeploymentDependent.contentVolume(site)));
        return new CronJobBuilder()
                .withNewMetadata()
                .withName(Names.cron(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.CRON))
                .endMetadata()
                .withNewSpec()
                .withSchedule(CronSpec.schedule(spec))
                .withSuspend(Quiesce.active(site))
                .withConcurrencyPolicy("Forbid")
                .withStartingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
                .withSuccessfulJobsHistoryLimit(1)
                .withFailedJobsHistoryLimit(2)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(Labels.of(site, Component.CRON)).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(DEADLINE_SECONDS)
                .withTtlSecondsAfterFinished(600)
                .withTemplate(template)
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    static Quantity memoryLimit(WordPressSite site) {
        var resources = site.getSpec().getWordpress().getResources();
        return Optional.ofNullable(resources == null ? null : resources.getLimits()).map(l -> l.get("memory"))
                .orElse(new Quantity("512Mi"));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.cron(site), site.getMetadata().getNamespace());
    }
}
