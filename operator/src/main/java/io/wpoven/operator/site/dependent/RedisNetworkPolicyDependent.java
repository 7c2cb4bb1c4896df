package io.wpoven.operator.site.dependent;

import java.util.List;
import java.util.Map;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** Redis accepts only this site's WordPress pods, its installer, its wp-cron runs and its SSH server. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class RedisNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public RedisNetworkPolicyDependent() {
        super(Component.REDIS, Names::redis, Ports.REDIS, List.of(Component.WORDPRESS, Component.INSTALLER, Component.CRON, Component.SHELL), false);
    }

    /** The tool Jobs that replace this site's data empty its object cache afterwards (restore, staging copies). */
    @Override
    List<Map<String, String>> extraPeers(WordPressSite site) {
        return List.of(Map.of(ToolPods.dataAccessLabel(site), "true"));
    }
}
