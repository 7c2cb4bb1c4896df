package io.wpoven.operator.site.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** The WordPress pods' Nginx backend, reached by Varnish. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressServiceDependent extends SiteServiceDependent {
    public WordPressServiceDependent() {
        super(Component.WORDPRESS, Names::wordpress, "http", Ports.BACKEND, false);
    }
}
