package io.wpoven.operator.site.dependent;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.OperatorConfig;

/**
 * Lets into one component's pods only the given components of the same site, on one port (and the operator's pods in
 * the operator's namespace when it talks to them); the exporters' metrics ports only from the monitoring namespaces.
 */
abstract class SiteNetworkPolicyDependent extends SiteDependentResource<NetworkPolicy> {
    private final Component target;
    private final Function<HasMetadata, String> name;
    private final int port;
    private final List<Component> from;
    private final boolean fromOperator;

    @Inject
    OperatorConfig config;

    SiteNetworkPolicyDependent(Component target, Function<HasMetadata, String> name, int port, List<Component> from,
            boolean fromOperator) {
        super(NetworkPolicy.class);
        this.target = target;
        this.name = name;
        this.port = port;
        this.from = from;
        this.fromOperator = fromOperator;
    }

    /** Further pods (by labels, same namespace) let in besides the listed components. */
    List<Map<String, String>> extraPeers(WordPressSite site) {
        return List.of();
    }

    /** Who may reach the port: an empty list lets in anyone. */
    List<NetworkPolicyPeer> peers(WordPressSite site) {
        List<NetworkPolicyPeer> peers = new java.util.ArrayList<>(from.stream()
                .map(c -> new NetworkPolicyPeerBuilder().withPodSelector(
                        new LabelSelectorBuilder().withMatchLabels(Labels.selector(site, c)).build()).build())
                .toList());
        extraPeers(site).forEach(labels -> peers.add(new NetworkPolicyPeerBuilder().withPodSelector(
                new LabelSelectorBuilder().withMatchLabels(labels).build()).build()));
        if (fromOperator) {
            PolicyPeers.operator(config).ifPresent(peers::add);
        }
        return peers;
    }

    @Override
    protected NetworkPolicy desired(WordPressSite site, Context<WordPressSite> context) {
        NetworkPolicyBuilder policy = new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(name.apply(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, target))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Labels.selector(site, target)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(peers(site)).addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort()
                .endIngress()
                .endSpec();
        // the exporters' metrics ports: only the Prometheus of the monitoring namespaces (and the configured addresses)
        List<Exporters.Exporter> exporters = Exporters.of(site, target, config);
        if (!exporters.isEmpty()) {
            policy.editSpec().addNewIngress().withFrom(PolicyPeers.scrapers(config))
                    .withPorts(exporters.stream().map(e -> new NetworkPolicyPortBuilder().withProtocol("TCP")
                            .withPort(new IntOrString(e.port())).build()).toList())
                    .endIngress().endSpec();
        }
        return policy.build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(name.apply(site), site.getMetadata().getNamespace());
    }
}
