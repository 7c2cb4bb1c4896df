package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.wpoven.operator.config.RedisConfig;
import io.wpoven.operator.config.StackLayout;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.ObjectCacheSpec;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Memory;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/** Redis, WordPress's object cache: LRU within maxmemory, nothing persisted. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class RedisDeploymentDependent extends SiteDeploymentDependent {
    /** redis in the official image. */
    static final long UID = 999;

    private static final ResourceRequirements AUTH_RESOURCES = new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("16Mi"))
            .addToLimits("memory", new Quantity("32Mi")).build();

    public RedisDeploymentDependent() {
        super(Component.REDIS, Names::redis);
    }

    @Override
    Integer replicas(WordPressSite site) {
        return 1;
    }

    @Override
    PodTemplateSpec podTemplate(WordPressSite site) {
        ObjectCacheSpec redis = site.getSpec().getObjectCache();
        ResourceRequirements resources = Memory.withDefaultLimit(redis.getResources(),
                Memory.redisSize(redis.getMaxMemory()) * 3 / 2 + 32L * Memory.MIB);
        StackLayout layout = StackLayout.inCluster(site);
        return Pods.template(config, site, Component.REDIS, UID, new PodSpecBuilder()
                // the password goes from the Secret's env into a file in memory that redis.conf includes: never
                // on a command line (/proc/<pid>/cmdline) nor in the ConfigMap
                .addToInitContainers(Pods.container("redis-auth", SiteImages.redis(site, config))
                        .withCommand("sh", "-c", RedisConfig.authScript(layout))
                        .withEnv(Pods.secretEnv(RedisConfig.PASSWORD_ENV, site, SiteSecretDependent.REDIS_PASSWORD))
                        .withResources(AUTH_RESOURCES)
                        .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath(layout.runDir()).endVolumeMount()
                        .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
                        .build())
                .addToContainers(Pods.container("redis", SiteImages.redis(site, config))
                        .withCommand("redis-server", SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.REDIS_CONF)
                        .withResources(resources)
                        .addNewPort().withName("redis").withContainerPort(Ports.REDIS).endPort()
                        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                        .withPeriodSeconds(5).endReadinessProbe()
                        .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(SiteConfigFiles.CONFIG_DIR).withReadOnly(true).endVolumeMount()
                        .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                        .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
                        .build())
                .addAllToContainers(Exporters.sidecars(site, Component.REDIS, config))
                .addToVolumes(Pods.configVolume(site, Component.REDIS), new VolumeBuilder().withName(Pods.TMP_VOLUME)
                        .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("16Mi")).endEmptyDir().build()));
    }
}
