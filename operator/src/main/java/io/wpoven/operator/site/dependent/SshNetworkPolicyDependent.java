package io.wpoven.operator.site.dependent;

import java.util.List;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** The SSH server takes connections from anywhere (its Service may be a NodePort or a load balancer), on sshd's port only. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SshNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public SshNetworkPolicyDependent() {
        super(Component.SHELL, Names::ssh, Ports.SSH, List.of(), false);
    }
}
