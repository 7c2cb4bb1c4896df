package io.wpoven.operator.site.dependent;

import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * The front proxy accepts only the ingress controller's pods: those of the namespaces in
 * wpoven.network-policy.ingress-namespaces (Helm networkPolicy.ingressNamespaces; "*" anyone).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class ProxyNetworkPolicyDependent extends SiteNetworkPolicyDependent {
    public ProxyNetworkPolicyDependent() {
        super(Component.PROXY, Names::proxy, Ports.PROXY, List.of(), false);
    }

    @Override
    List<NetworkPolicyPeer> peers(WordPressSite site) {
        return PolicyPeers.namespaces(config.networkPolicy().ingressNamespaces());
    }
}
