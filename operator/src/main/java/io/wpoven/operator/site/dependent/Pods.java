package io.wpoven.operator.site.dependent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.PodSecurity;
import io.wpoven.operator.support.SitePlacement;
import io.wpoven.operator.support.SitePodTemplate;

/**
 * What every pod of a site has in common: labels, the restricted security profile, config hash, and the site's
 * spec.podTemplate (extra labels, annotations, pull secrets) and spec.placement (node pool).
 */
final class Pods {
    private Pods() {
    }

    /** Annotation with the hash of the rendered config files a pod uses: a change rolls the pods. */
    static final String CONFIG_HASH = "wpoven.io/config-hash";
    static final String CONFIG_VOLUME = "config";
    static final String TMP_VOLUME = "tmp";

    static PodTemplateSpec template(OperatorConfig config, WordPressSite site, Component component, long uid,
            PodSpecBuilder spec) {
        return template(config.images().pullSecrets(), site, component, uid, spec);
    }

    /** With the proxy's trusted peers given: part of the proxy's config, so of its hash. */
    static PodTemplateSpec template(OperatorConfig config, WordPressSite site, Component component, long uid,
            PodSpecBuilder spec, List<String> forwarders) {
        return template(config.images().pullSecrets(), site, component, uid, spec, forwarders, false);
    }

    /** The proxy's, with its trusted peers and whether its site's certificate is issued (both part of its config). */
    static PodTemplateSpec template(OperatorConfig config, WordPressSite site, Component component, long uid,
            PodSpecBuilder spec, List<String> forwarders, boolean https) {
        return template(config.images().pullSecrets(), site, component, uid, spec, forwarders, https);
    }

    /** With the operator-wide pull secrets given (OperatorConfig.Images#pullSecrets). */
    static PodTemplateSpec template(Optional<List<String>> operatorPullSecrets, WordPressSite site, Component component,
            long uid, PodSpecBuilder spec) {
        return template(operatorPullSecrets, site, component, uid, spec,
                io.wpoven.operator.config.ProxyNginxConfig.TRUSTED_PEERS, false);
    }

    private static PodTemplateSpec template(Optional<List<String>> operatorPullSecrets, WordPressSite site,
            Component component, long uid, PodSpecBuilder spec, List<String> forwarders, boolean https) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(SitePodTemplate.labels(site, Labels.of(site, component)))
                .withAnnotations(SitePodTemplate.annotations(site,
                        Map.of(CONFIG_HASH, SiteConfigFiles.hash(site, component, forwarders, https))))
                .endMetadata()
                .withSpec(SitePlacement.apply(site, spec, Labels.selector(site, component))
                        .withImagePullSecrets(SitePodTemplate.imagePullSecrets(site, operatorPullSecrets))
                        .withAutomountServiceAccountToken(false)
                        .withEnableServiceLinks(false)
                        .withSecurityContext(PodSecurity.pod(uid))
                        .build())
                .build();
    }

    static ContainerBuilder container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).withImagePullPolicy("IfNotPresent")
                .withSecurityContext(PodSecurity.container());
    }

    /** The site's ConfigMap, with only the files this component reads. */
    static Volume configVolume(WordPressSite site, Component component) {
        return new VolumeBuilder().withName(CONFIG_VOLUME).withNewConfigMap().withName(Names.config(site))
                .withItems(SiteConfigFiles.keysOf(site, component).stream().map(k -> new KeyToPath(k, null, k)).toList())
                .endConfigMap().build();
    }

    static Volume emptyDir(String name) {
        return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
    }

    static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    static EnvVar secretEnv(String name, WordPressSite site, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(Names.secret(site)).withKey(key).endSecretKeyRef()
                .endValueFrom().build();
    }
}
