package io.wpoven.operator.site.dependent;

import java.util.List;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** Redis accepts only this site's WordPress pods and its installer. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RedisNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public RedisNetworkPolicyDependent() {
        super(Component.REDIS, Names::redis, Ports.REDIS, List.of(Component.WORDPRESS, Component.INSTALLER), false);
    }
}
