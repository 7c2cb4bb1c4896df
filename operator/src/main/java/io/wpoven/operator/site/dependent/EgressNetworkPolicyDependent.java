package io.wpoven.operator.site.dependent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * spec.security.egress Restricted: the site's serving pods (not the operator's tool Jobs, which reach object storage)
 * may connect only to the cluster DNS, the site's own pods, and the internet without link-local and the cluster's
 * ranges (wpoven.network-policy.*).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class EgressNetworkPolicyDependent extends SiteDependentResource<NetworkPolicy> {
    /** The pods the policy holds: everything that serves the site or runs its PHP. */
    static final List<Component> RESTRICTED = List.of(Component.PROXY, Component.VARNISH, Component.WORDPRESS,
            Component.REDIS, Component.DATABASE, Component.INSTALLER, Component.CRON, Component.SHELL);

    @Inject
    OperatorConfig config;

    public EgressNetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(WordPressSite site, Context<WordPressSite> context) {
        // the site's pods: the selector labels every component shares
        Map<String, String> ofSite = new LinkedHashMap<>(Labels.selector(site, Component.WORDPRESS));
        ofSite.remove(Labels.COMPONENT);
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(Names.egress(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.CONFIG))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(ofSite).addNewMatchExpression().withKey(Labels.COMPONENT).withOperator("In")
                        .withValues(RESTRICTED.stream().map(Component::label).toList()).endMatchExpression().build())
                .withPolicyTypes("Egress")
                .addNewEgress().withTo(PolicyPeers.dns(config))
                .withPorts(new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(53)).build(),
                        new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(53)).build())
                .endEgress()
                .addNewEgress().withTo(new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(ofSite).build()).build())
                .endEgress()
                .addNewEgress().withTo(PolicyPeers.internet(config)).endEgress()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.egress(site), site.getMetadata().getNamespace());
    }
}
