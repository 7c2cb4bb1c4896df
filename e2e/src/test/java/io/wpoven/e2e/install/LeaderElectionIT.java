package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;

/**
 * Two operator replicas with leader election (what replicaCount: 2 in the chart runs): one holds the Lease and
 * reconciles; when it stops, the other takes the Lease over and sites keep being reconciled.
 */
@E2eTest
@Isolated
class LeaderElectionIT {
    static final String LEASE = "wpoven-operator-leader";

    @Test
    void theStandbyTakesOverWhenTheLeaderStops(TestNamespace ns) throws Exception {
        String value = "leader-" + InstallNamespace.suffix();
        OperatorProcess a = DedicatedOperator.start(value, env(ns, "replica-a"));
        OperatorProcess b = null;
        try {
            b = DedicatedOperator.start(value, env(ns, "replica-b"));
            Map<String, OperatorProcess> replicas = Map.of("replica-a", a, "replica-b", b);

            String leader = holder(ns, List.of("replica-a", "replica-b"));
            String standby = leader.equals("replica-a") ? "replica-b" : "replica-a";
            assertThat(replicas.get(standby).healthStatus("/q/health/ready")).as("the standby is ready too").isEqualTo(200);

            DedicatedOperator.applySite(DedicatedOperator.sample("site-minimal.yaml"), ns.name(), value);
            Sites.awaitReady(ns, "blog");

            replicas.get(leader).stop();

            assertThat(holder(ns, List.of(standby))).as("Lease holder after %s stopped", leader).isEqualTo(standby);
            DedicatedOperator.applySiteYaml(Sites.minimal("shop", "shop.example.com"), ns.name(), value);
            Sites.awaitReady(ns, "shop");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n[replica-a] log tail:\n" + a.logTail(40)
                    + (b == null ? "" : "\n[replica-b] log tail:\n" + b.logTail(40)), e);
        } finally {
            a.stop();
            if (b != null) {
                b.stop();
            }
        }
    }

    private static Map<String, String> env(TestNamespace ns, String identity) {
        return Map.of("WPOVEN_LEADER_ELECTION_ENABLED", "true",
                "WPOVEN_LEADER_ELECTION_LEASE_NAME", LEASE,
                "WPOVEN_LEADER_ELECTION_LEASE_NAMESPACE", ns.name(),
                "WPOVEN_LEADER_ELECTION_IDENTITY", identity,
                "QUARKUS_OPERATOR_SDK_NAMESPACES", ns.name());
    }

    /** Waits until the Lease is held by one of the given identities; returns the holder. */
    private static String holder(TestNamespace ns, List<String> identities) {
        Lease lease = TestNamespace.within(Duration.ofSeconds(90))
                .alias("Lease " + LEASE + " held by one of " + identities
                        + " (no Lease at all: the operator ignores WPOVEN_LEADER_ELECTION_*)")
                .until(() -> ns.client().leases().inNamespace(ns.name()).withName(LEASE).get(),
                        l -> l != null && l.getSpec().getHolderIdentity() != null
                                && identities.contains(l.getSpec().getHolderIdentity()));
        return lease.getSpec().getHolderIdentity();
    }
}
