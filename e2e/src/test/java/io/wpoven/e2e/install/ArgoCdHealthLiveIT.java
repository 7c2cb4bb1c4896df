package io.wpoven.e2e.install;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;

/** Argo CD's view of sites the operator really reconciled: Healthy once Ready, Suspended when scaled to zero. */
@E2eTest
class ArgoCdHealthLiveIT {

    @Test
    void aReadySiteIsHealthyAndAScaledDownOneSuspended(TestNamespace ns) throws IOException {
        ArgoHealth health = new ArgoHealth(Repo.root().resolve("manifests/argocd/health/wpoven.io/WordPressSite/health.lua"));
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        Sites.awaitReady(ns, "blog");

        assertThat(health.of(live(ns))).isEqualTo(new ArgoHealth.Status("Healthy", "The site is serving"));

        ns.site("blog").edit(s -> {
            s.getSpec().setReplicas(0);
            return s;
        });
        within(Duration.ofSeconds(60)).alias("Argo CD health Suspended after scaling to 0")
                .until(() -> health.of(live(ns)), h -> h.status().equals("Suspended"));
    }

    /** The site as Argo CD sees it: its JSON as stored. */
    private static Map<?, ?> live(TestNamespace ns) {
        var client = ns.client();
        return client.getKubernetesSerialization().unmarshal(
                client.getKubernetesSerialization().asJson(ns.site("blog").get()), Map.class);
    }
}
