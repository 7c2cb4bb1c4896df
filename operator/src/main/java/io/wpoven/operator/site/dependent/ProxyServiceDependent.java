package io.wpoven.operator.site.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** The front proxy: what the Ingress sends traffic to. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class ProxyServiceDependent extends SiteServiceDependent {
    public ProxyServiceDependent() {
        super(Component.PROXY, Names::proxy, "http", Ports.PROXY_SERVICE, false);
    }
}
