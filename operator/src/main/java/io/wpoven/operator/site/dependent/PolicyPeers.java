package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.OperatorConfig;

/** The NetworkPolicy peers the platform configures (wpoven.network-policy.*), pure: the operator's config in, peers out. */
final class PolicyPeers {
    /** The label every namespace carries (since Kubernetes 1.22): its own name. */
    static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";
    /** In a list of namespaces: any namespace, and anything else (no from/to at all). */
    static final String ANY = "*";

    private PolicyPeers() {
    }

    /**
     * The pods of the named namespaces, as one peer; an empty list (the rule admits anything) when they include "*".
     * No namespace named: no peer that matches anything (the rule admits nobody but the node).
     */
    static List<NetworkPolicyPeer> namespaces(List<String> names) {
        List<String> named = names.stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
        if (named.contains(ANY)) {
            return List.of();
        }
        return List.of(new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder()
                .addNewMatchExpression().withKey(NAMESPACE_NAME).withOperator("In")
                .withValues(named.isEmpty() ? List.of("") : named).endMatchExpression().build()).build());
    }

    /** The scrapers of the exporters' ports: the monitoring namespaces' pods and the configured addresses. */
    static List<NetworkPolicyPeer> scrapers(OperatorConfig config) {
        List<NetworkPolicyPeer> peers = namespaces(config.networkPolicy().monitoringNamespaces());
        if (peers.isEmpty()) {
            return peers; // anyone
        }
        List<NetworkPolicyPeer> all = new ArrayList<>(peers);
        config.networkPolicy().monitoringCidrs().orElse(List.of()).stream().map(String::trim).filter(c -> !c.isEmpty())
                .forEach(cidr -> all.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build()));
        return all;
    }

    /** The operator's pods in the operator's own namespace; none when that namespace is not configured. */
    static Optional<NetworkPolicyPeer> operator(OperatorConfig config) {
        return config.networkPolicy().operatorNamespace().filter(n -> !n.isBlank()).map(ns -> new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME, ns)).build())
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(Labels.NAME, Labels.OPERATOR)).build())
                .build());
    }

    /** The cluster DNS: its pods by namespace and labels, and the DNS servers configured by address. */
    static List<NetworkPolicyPeer> dns(OperatorConfig config) {
        OperatorConfig.NetworkPolicies p = config.networkPolicy();
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        peers.add(new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME, p.dnsNamespace())).build())
                .withPodSelector(labels(p.dnsPodLabels())).build());
        p.dnsCidrs().orElse(List.of()).stream().map(String::trim).filter(c -> !c.isEmpty())
                .forEach(cidr -> peers.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build()));
        return peers;
    }

    /** The internet: every address of each family but the excluded ranges of that family. */
    static List<NetworkPolicyPeer> internet(OperatorConfig config) {
        List<String> excluded = config.networkPolicy().egressExcludedCidrs().stream().map(String::trim)
                .filter(c -> !c.isEmpty()).toList();
        return List.of(
                new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0")
                        .withExcept(excluded.stream().filter(c -> !c.contains(":")).toList()).endIpBlock().build(),
                new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("::/0")
                        .withExcept(excluded.stream().filter(c -> c.contains(":")).toList()).endIpBlock().build());
    }

    /** key=value entries as a selector's matchLabels. */
    static LabelSelector labels(List<String> entries) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                labels.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }
}
