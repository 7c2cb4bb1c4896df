package io.wpoven.operator.site.dependent;

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
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RedisDeploymentDependent extends SiteDeploymentDependent {
    /** redis in the official image. */
    static final long UID = 999;

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
        return Pods.template(config, site, Component.REDIS, UID, new PodSpecBuilder()
                .addToContainers(Pods.container("redis", SiteImages.redis(site, config))
                        // the password reaches redis as an argument expanded from the Secret env, never a file
                        .withCommand("redis-server", SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.REDIS_CONF,
                                "--requirepass", "$(REDIS_PASSWORD)")
                        .withEnv(Pods.secretEnv("REDIS_PASSWORD", site, SiteSecretDependent.REDIS_PASSWORD))
                        .withResources(resources)
                        .addNewPort().withName("redis").withContainerPort(Ports.REDIS).endPort()
                        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                        .withPeriodSeconds(5).endReadinessProbe()
                        .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(SiteConfigFiles.CONFIG_DIR).withReadOnly(true).endVolumeMount()
                        .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                        .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
                        .build())
                .addAllToContainers(Exporters.sidecars(site, Component.REDIS, config))
                .addToVolumes(Pods.configVolume(site, Component.REDIS), Pods.emptyDir(Pods.TMP_VOLUME)));
    }
}
