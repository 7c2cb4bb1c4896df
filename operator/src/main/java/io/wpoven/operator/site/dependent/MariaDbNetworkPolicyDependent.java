package io.wpoven.operator.site.dependent;

import java.util.List;
import java.util.Map;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * MariaDB accepts only this site's WordPress pods, its installer, wp-cron runs, its SSH server (spec.access.ssh) and the operator's tool Jobs that work on this site's data
 * (backup, restore, a staging copy from or to it), which carry the site's data-access label.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class MariaDbNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public MariaDbNetworkPolicyDependent() {
        super(Component.DATABASE, Names::mariadb, Ports.MARIADB, List.of(Component.WORDPRESS, Component.INSTALLER, Component.CRON, Component.SHELL), false);
    }

    @Override
    List<Map<String, String>> extraPeers(WordPressSite site) {
        return List.of(Map.of(ToolPods.dataAccessLabel(site), "true"));
    }
}
