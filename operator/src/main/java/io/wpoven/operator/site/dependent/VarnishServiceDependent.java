package io.wpoven.operator.site.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** Varnish, reached by the proxy. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class VarnishServiceDependent extends SiteServiceDependent {
    public VarnishServiceDependent() {
        super(Component.VARNISH, Names::varnish, "http", Ports.VARNISH, false);
    }
}
