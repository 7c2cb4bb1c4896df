package io.wpoven.operator.site.dependent;

import java.util.List;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * The backend (Nginx + PHP-FPM) accepts only its own site's Varnish, so nothing bypasses the cache or the proxy's
 * basic auth (spec.access.basicAuth), which Varnish admits only the proxy, the site's pods and the operator to. Jobs,
 * the SSH server and the operator run WordPress's PHP in their own pods or by pods/exec, never over its HTTP port.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public WordPressNetworkPolicyDependent() {
        super(Component.WORDPRESS, Names::wordpress, Ports.BACKEND, List.of(Component.VARNISH), false);
    }
}
