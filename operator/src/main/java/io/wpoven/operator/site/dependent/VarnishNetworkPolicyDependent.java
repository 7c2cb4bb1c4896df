package io.wpoven.operator.site.dependent;

import java.util.List;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** Varnish accepts the site's proxy, its WordPress pods, wp-cron runs and SSH server (purge on publish, a scheduled post too) and the operator (one-click purge). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class VarnishNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public VarnishNetworkPolicyDependent() {
        super(Component.VARNISH, Names::varnish, Ports.VARNISH, List.of(Component.PROXY, Component.WORDPRESS, Component.CRON, Component.SHELL), true);
    }
}
