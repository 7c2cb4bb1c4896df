package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.ProxyNginxConfig;
import io.wpoven.operator.site.condition.BasicAuthEnabled;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.SiteHttps;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/** The front Nginx reverse proxy: first stop of every request, forwards to Varnish. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class ProxyDeploymentDependent extends SiteDeploymentDependent {
    /** nginx in the official image. */
    static final long UID = 101;

    public ProxyDeploymentDependent() {
        super(Component.PROXY, Names::proxy);
    }

    @Override
    Integer replicas(WordPressSite site) {
        return site.getSpec().getWeb().getProxyReplicas();
    }

    @Override
    PodTemplateSpec podTemplate(WordPressSite site) {
        return podTemplate(site, false);
    }

    @Override
    PodTemplateSpec podTemplate(WordPressSite site, Context<WordPressSite> context) {
        return podTemplate(site, SiteHttps.served(site, context));
    }

    /** Whether the site's certificate is issued: read from its Certificate, so the memo must know it (MatchMemo). */
    @Override
    protected Object observed(WordPressSite site, Context<WordPressSite> context) {
        return SiteHttps.served(site, context);
    }

    /** @param https the site's certificate is issued: part of the proxy's config (redirect, HSTS), so of its hash */
    PodTemplateSpec podTemplate(WordPressSite site, boolean https) {
        var nginx = Pods.container("nginx", SiteImages.nginx(site, config))
                        .withCommand("nginx", "-c", SiteConfigFiles.CONFIG_DIR + "/" + SiteConfigFiles.PROXY_NGINX, "-g", "daemon off;")
                        .withResources(site.getSpec().getWeb().getResources())
                        .addNewPort().withName("http").withContainerPort(Ports.PROXY).endPort()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http"))
                        .endHttpGet().withPeriodSeconds(5).endReadinessProbe()
                        .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http"))
                        .endHttpGet().withPeriodSeconds(10).withFailureThreshold(6).endLivenessProbe()
                        .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath(SiteConfigFiles.CONFIG_DIR).withReadOnly(true).endVolumeMount()
                        .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                        .editSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext();
        var pod = new PodSpecBuilder()
                .addToVolumes(Pods.configVolume(site, Component.PROXY), Pods.emptyDir(Pods.TMP_VOLUME));
        if (BasicAuthEnabled.holds(site)) {
            nginx.addNewVolumeMount().withName("basic-auth").withMountPath(ProxyNginxConfig.HTPASSWD_DIR).withReadOnly(true)
                    .endVolumeMount();
            pod.addNewVolume().withName("basic-auth").withNewSecret().withSecretName(Names.basicAuth(site))
                    .addNewItem().withKey(ProxyNginxConfig.HTPASSWD_FILE).withPath(ProxyNginxConfig.HTPASSWD_FILE).endItem()
                    .endSecret().endVolume();
        }
        return Pods.template(config, site, Component.PROXY, UID, pod.addToContainers(nginx.build())
                .addAllToContainers(Exporters.sidecars(site, Component.PROXY, config)), config.policy().trustedForwarders(), https);
    }
}
