package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.SiteHttps;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** Every rendered configuration file of the site; each pod mounts only its own. Never holds a secret. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteConfigMapDependent extends SiteDependentResource<ConfigMap> {

    public SiteConfigMapDependent() {
        super(ConfigMap.class);
    }

    @jakarta.inject.Inject
    io.wpoven.operator.support.OperatorConfig config;

    @Override
    protected ConfigMap desired(WordPressSite site, Context<WordPressSite> context) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Names.config(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.CONFIG))
                .endMetadata()
                .withData(SiteConfigFiles.render(site, config.policy().trustedForwarders(), SiteHttps.served(site, context)))
                .build();
    }

    /** Whether the site's certificate is issued: read from its Certificate, so the memo must know it (MatchMemo). */
    @Override
    protected Object observed(WordPressSite site, Context<WordPressSite> context) {
        return SiteHttps.served(site, context);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.config(site), site.getMetadata().getNamespace());
    }
}
