package io.wpoven.operator.support;

import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Leader election on a coordination.k8s.io Lease, so two or more replicas can run and one reconciles.
 * The Quarkus Operator SDK elects only when a {@link LeaderElectionConfiguration} bean exists.
 */
@ConfigMapping(prefix = "wpoven.leader-election")
public interface LeaderElection {
    /** Off by default for local runs; the Helm chart and manifests/install turn it on. */
    @WithDefault("false")
    boolean enabled();

    @WithDefault("wpoven-operator-leader")
    String leaseName();

    /** Empty: the client's namespace. */
    Optional<String> leaseNamespace();

    /** Empty: HOSTNAME (the pod name); two processes on one host need distinct identities. */
    Optional<String> identity();

    class Producer {
        @Produces
        @Dependent
        LeaderElectionConfiguration leaderElection(LeaderElection c) {
            return !c.enabled() ? null
                    : new LeaderElectionConfiguration(c.leaseName(), c.leaseNamespace().orElse(null),
                            c.identity().orElse(null));
        }
    }
}
