package io.wpoven.operator.dashboard.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

class ServersTest {

    private static Pod pod(String ns, String name, String site, String component, String node, boolean ready) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(node == null ? "Pending" : "Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        if (site != null) {
            b.editMetadata().withLabels(Map.of("app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", site,
                    "app.kubernetes.io/component", component)).endMetadata();
        }
        return b.build();
    }

    @Test
    void sitePodsAreGroupedByNodeThenSite() {
        var byNode = Servers.sitesByNode(List.of(pod("a", "blog-wordpress-1", "blog", "wordpress", "n1", true),
                pod("a", "blog-proxy-1", "blog", "proxy", "n1", true),
                pod("b", "blog-wordpress-1", "blog", "wordpress", "n2", false),
                pod("a", "shop-mariadb-0", "shop", "mariadb", null, false),
                pod("a", "unrelated", null, null, "n1", true)));
        assertThat(byNode.keySet()).containsExactly(Servers.UNSCHEDULED, "n1", "n2");
        assertThat(byNode.get("n1")).singleElement().satisfies(s -> {
            assertThat(s.namespace() + "/" + s.site()).isEqualTo("a/blog");
            assertThat(s.pods()).extracting(Servers.SitePod::component).containsExactly("proxy", "wordpress");
        });
        assertThat(byNode.get("n2").get(0).pods().get(0).ready()).isFalse();
        assertThat(byNode.get(Servers.UNSCHEDULED).get(0).site()).isEqualTo("shop");
    }

    @Test
    void aNodeShowsItsCapacityReadinessLabelsAndTaints() {
        Node n = new NodeBuilder().withNewMetadata().withName("n1")
                .withLabels(Map.of("kubernetes.io/hostname", "n1", "pool", "fast")).endMetadata()
                .withNewSpec().addNewTaint().withKey("dedicated").withValue("wp").withEffect("NoSchedule").endTaint()
                .addNewTaint().withKey("maintenance").withEffect("NoExecute").endTaint().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withCapacity(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"), "pods", new Quantity("110")))
                .withAllocatable(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("3Gi"))).endStatus().build();
        Servers.Server s = Servers.server(n, Map.of("n1", 7));
        assertThat(s.ready()).isTrue();
        assertThat(s.capacity()).isEqualTo(new Servers.Resources(2000, 4L << 30));
        assertThat(s.allocatable()).isEqualTo(new Servers.Resources(1500, 3L << 30));
        assertThat(s.podCapacity()).isEqualTo(110);
        assertThat(s.pods()).isEqualTo(7);
        assertThat(s.labels()).containsExactly(Map.entry("pool", "fast"));
        assertThat(s.taints()).containsExactly("dedicated=wp:NoSchedule", "maintenance:NoExecute");
    }
}
