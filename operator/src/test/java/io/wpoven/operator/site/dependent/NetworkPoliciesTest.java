package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SecuritySpec;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.TestSites;

/** Who may reach each component of a site (docs/network-policies.md), from the spec and the operator's config. */
class NetworkPoliciesTest {
    private final WordPressSite site = site("blog", "blog.example.com");

    @Test
    void theProxyAdmitsOnlyTheIngressNamespacesOnItsPort() {
        NetworkPolicy p = Dependents.policy(new ProxyNetworkPolicyDependent(), site);
        assertThat(p.getMetadata().getName()).isEqualTo("blog-proxy");
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "proxy")
                .containsEntry("app.kubernetes.io/instance", "blog");
        assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(Ports.PROXY));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(namespaces(peer)).containsExactly("ingress-nginx"));
        });
    }

    @Test
    void aStarInTheIngressNamespacesAdmitsAnyone() {
        ProxyNetworkPolicyDependent d = new ProxyNetworkPolicyDependent();
        d.config = with(TestSites.networkPolicies(List.of("traefik", "*"), Optional.empty()));
        assertThat(d.desired(site, null).getSpec().getIngress().get(0).getFrom()).isEmpty();
        d.config = with(TestSites.networkPolicies(List.of(" traefik ", "gateway-system"), Optional.empty()));
        assertThat(namespaces(d.desired(site, null).getSpec().getIngress().get(0).getFrom().get(0)))
                .containsExactly("traefik", "gateway-system");
    }

    @Test
    void theBackendAdmitsOnlyItsOwnVarnish() {
        NetworkPolicy p = Dependents.policy(new WordPressNetworkPolicyDependent(), site);
        assertThat(p.getMetadata().getName()).isEqualTo("blog-wordpress");
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "wordpress");
        assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(Ports.BACKEND));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "varnish")
                        .containsEntry("app.kubernetes.io/instance", "blog");
            });
        });
        // the labels of the Varnish pods are what the peer selects
        assertThat(Dependents.deployment(new VarnishDeploymentDependent(), site).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(p.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
    }

    @Test
    void varnishAdmitsTheOperatorOnlyFromTheOperatorsNamespace() {
        List<NetworkPolicyPeer> peers = Dependents.policy(new VarnishNetworkPolicyDependent(), site).getSpec().getIngress().get(0).getFrom();
        List<NetworkPolicyPeer> withNamespace = peers.stream().filter(p -> p.getNamespaceSelector() != null).toList();
        assertThat(withNamespace).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "wpoven-system"));
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "wpoven-operator"));
        });
        // the other peers are the site's own pods (no namespace selector: the site's namespace)
        assertThat(peers).filteredOn(p -> p.getNamespaceSelector() == null)
                .allSatisfy(p -> assertThat(p.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "blog"));

        VarnishNetworkPolicyDependent outside = new VarnishNetworkPolicyDependent();
        outside.config = with(TestSites.networkPolicies(List.of("ingress-nginx"), Optional.empty()));
        assertThat(outside.desired(site, null).getSpec().getIngress().get(0).getFrom())
                .as("no operator namespace known: no pod is let in as the operator").allSatisfy(p -> assertThat(p.getNamespaceSelector()).isNull());
    }

    @Test
    void theDatabaseAndRedisAdmitOnlyTheSitesOwnPods() {
        for (SiteNetworkPolicyDependent d : List.of(new MariaDbNetworkPolicyDependent(), new RedisNetworkPolicyDependent())) {
            assertThat(Dependents.policy(d, site).getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                    .isNotEmpty().allSatisfy(peer -> {
                        assertThat(peer.getNamespaceSelector()).isNull();
                        assertThat(peer.getIpBlock()).isNull();
                        assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty().satisfiesAnyOf(
                                labels -> assertThat(labels).containsEntry("app.kubernetes.io/instance", "blog"),
                                labels -> assertThat(labels).containsOnlyKeys("data.wpoven.io/blog"));
                    }));
        }
    }

    @Test
    void restrictedEgressAllowsDnsTheSiteAndTheInternetWithoutClusterRanges() {
        site.getSpec().setSecurity(new SecuritySpec());
        site.getSpec().getSecurity().setEgress(SecuritySpec.Egress.Restricted);
        assertThat(SecuritySpec.egressRestricted(site.getSpec().getSecurity())).isTrue();
        EgressNetworkPolicyDependent d = new EgressNetworkPolicyDependent();
        d.config = TestSites.config();
        NetworkPolicy p = d.desired(site, null);
        assertThat(p.getMetadata().getName()).isEqualTo("blog-egress");
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "wordpress",
                "app.kubernetes.io/instance", "blog"));
        assertThat(p.getSpec().getPodSelector().getMatchExpressions()).singleElement().satisfies(e -> assertThat(e.getValues())
                .contains("proxy", "varnish", "wordpress", "redis", "mariadb", "cron", "installer", "ssh").doesNotContain("tool"));
        var rules = p.getSpec().getEgress();
        assertThat(rules).hasSize(3);
        // DNS: the cluster DNS pods and the configured DNS addresses, port 53 only
        assertThat(rules.get(0).getPorts()).extracting(x -> x.getProtocol() + "/" + x.getPort().getIntVal())
                .containsExactly("UDP/53", "TCP/53");
        assertThat(rules.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
        assertThat(rules.get(0).getTo().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
        assertThat(rules.get(0).getTo().get(1).getIpBlock().getCidr()).isEqualTo("169.254.20.10/32");
        // the site's own pods, any port
        assertThat(rules.get(1).getPorts()).isNullOrEmpty();
        assertThat(rules.get(1).getTo()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", "blog")));
        // the internet: not link-local, not the cluster's ranges
        assertThat(rules.get(2).getTo()).hasSize(2).anySatisfy(peer -> {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
            assertThat(peer.getIpBlock().getExcept()).contains("169.254.0.0/16", "10.0.0.0/8").doesNotContain("fc00::/7");
        }).anySatisfy(peer -> {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("::/0");
            assertThat(peer.getIpBlock().getExcept()).containsExactly("fe80::/10", "fc00::/7");
        });
    }

    @Test
    void egressIsOpenUnlessAskedFor() {
        assertThat(SecuritySpec.egressRestricted(site.getSpec().getSecurity())).isFalse();
        assertThat(new io.wpoven.operator.site.condition.EgressRestricted().isMet(null, site, null)).isFalse();
    }

    private static List<String> namespaces(NetworkPolicyPeer peer) {
        assertThat(peer.getPodSelector()).isNull();
        assertThat(peer.getNamespaceSelector().getMatchExpressions()).singleElement()
                .satisfies(e -> assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name"));
        return peer.getNamespaceSelector().getMatchExpressions().get(0).getValues();
    }

    private static OperatorConfig with(OperatorConfig.NetworkPolicies networkPolicies) {
        return TestSites.config(null, networkPolicies);
    }
}
