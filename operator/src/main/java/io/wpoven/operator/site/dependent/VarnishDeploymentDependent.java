package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CacheSpec;
import io.wpoven.operator.config.VarnishParameters;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Memory;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/** Varnish, the full-page cache. PURGE/BAN need the site's purge token, which reaches it as env from the Secret. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class VarnishDeploymentDependent extends SiteDeploymentDependent {
    /** varnish in the official image. */
    static final long UID = 1000;
    /** varnishd's working directory (-n), where the exporter sidecar finds its shared memory. */
    public static final String WORKDIR = "/tmp/varnish";

    public VarnishDeploymentDependent() {
        super(Component.VARNISH, Names::varnish);
    }

    @Override
    Integer replicas(WordPressSite site) {
        return CacheSpec.replicas(site.getSpec().getCache());
    }

    @Override
    PodTemplateSpec podTemplate(WordPressSite site) {
        CacheSpec cache = site.getSpec().getCache();
        // malloc storage plus Varnish's own overhead (workers, transient storage)
        ResourceRequirements resources = Memory.withDefaultLimit(cache.getResources(),
                Memory.varnishSize(cache.getSize()) * 5 / 4 + 64L * Memory.MIB);
        return Pods.template(config, site, Component.VARNISH, UID, new PodSpecBuilder()
                .addToContainers(Pods.container("varnish", SiteImages.varnish(site, config))
                        .withCommand(command(cache))
                        .withEnv(Pods.secretEnv("WPOVEN_PURGE_TOKEN", site, SiteSecretDependent.PURGE_TOKEN))
                        .withResources(resources)
                        .addNewPort().withName("http").withContainerPort(Ports.VARNISH).endPort()
                        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket()
                        .withPeriodSeconds(5).endReadinessProbe()
                        .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(SiteConfigFiles.CONFIG_DIR).withReadOnly(true).endVolumeMount()
                        .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                        .build())
                .addAllToContainers(Exporters.sidecars(site, Component.VARNISH, config))
                .addToVolumes(Pods.configVolume(site, Component.VARNISH), Pods.emptyDir(Pods.TMP_VOLUME)));
    }

    private static List<String> command(CacheSpec cache) {
        List<String> command = new ArrayList<>(List.of("varnishd", "-F", "-a", ":" + Ports.VARNISH,
                "-f", SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.VARNISH_VCL,
                "-s", "malloc," + cache.getSize(), "-n", WORKDIR));
        command.addAll(VarnishParameters.arguments());
        return command;
    }
}
