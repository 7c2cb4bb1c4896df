package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The operator SIGKILLed while sites are being created (a crash, an OOM kill, a node lost): restarted, it finishes
 * every site, makes no object twice, leaves none behind and never generates a site's credentials again. Then two
 * replicas with leader election: the leader is killed, the standby takes the Lease over within the lease time and
 * finishes the sites. hack/bench-scale.sh runs the same at full size (300 sites, 20 kills).
 */
@E2eTest
@Isolated
class OperatorKillIT {
    static final int SITES = 40;
    static final int KILLS = 4;
    static final String LEASE = "wpoven-kill-leader";
    /** JOSDK's defaults, which the operator keeps (LeaderElection): a dead leader's Lease expires after this. */
    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    static final Duration CONVERGED = Duration.ofSeconds(240);

    @Test
    void killedOperatorsFinishEverySiteOnceWithTheSameCredentials(TestNamespace ns) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String value = "kill-" + InstallNamespace.suffix();
        Map<String, String> env = Map.of("QUARKUS_OPERATOR_SDK_NAMESPACES", ns.name());
        Map<String, String> firstSeen = new HashMap<>();
        OperatorProcess op = DedicatedOperator.start(value, env);
        List<String> log = new ArrayList<>();
        try {
            for (int i = 1; i <= SITES; i++) {
                DedicatedOperator.applySiteYaml(Sites.minimal("site" + i, "site" + i + ".example.com"), ns.name(), value);
            }
            for (int k = 1; k <= KILLS; k++) {
                Thread.sleep(1000 + random.nextInt(3000));
                remember(credentials(ns), firstSeen);
                op.kill();
                log.add("kill " + k + ": " + ready(ns) + "/" + SITES + " Ready");
                op = DedicatedOperator.start(value, env);
            }
            awaitAllReady(ns, SITES);
            assertChildrenOncePerSite(ns, SITES);
            assertThat(credentials(ns)).as("credentials Secrets (uid, resourceVersion, sha256 of data) as first seen")
                    .containsAllEntriesOf(firstSeen).hasSize(SITES);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nseed " + seed + ", " + log + "\noperator log tail:\n"
                    + op.logTail(60), e);
        } finally {
            op.kill();
        }
    }

    @Test
    void theStandbyTakesOverFromAKilledLeaderWithinTheLeaseTime(TestNamespace ns) throws Exception {
        String value = "killleader-" + InstallNamespace.suffix();
        Map<String, OperatorProcess> replicas = new TreeMap<>();
        replicas.put("replica-a", DedicatedOperator.start(value, leaderEnv(ns, "replica-a")));
        replicas.put("replica-b", DedicatedOperator.start(value, leaderEnv(ns, "replica-b")));
        Map<String, String> firstSeen = new HashMap<>();
        int sites = SITES / 4;
        try {
            String leader = holder(ns, Set.of("replica-a", "replica-b"), Duration.ofSeconds(90));
            for (int i = 1; i <= sites; i++) {
                DedicatedOperator.applySiteYaml(Sites.minimal("site" + i, "site" + i + ".example.com"), ns.name(), value);
            }
            Thread.sleep(3000);
            remember(credentials(ns), firstSeen);
            String standby = leader.equals("replica-a") ? "replica-b" : "replica-a";
            replicas.get(leader).kill();
            long killed = System.nanoTime();
            holder(ns, Set.of(standby), LEASE_DURATION.plus(RETRY_PERIOD).plus(RETRY_PERIOD).plusSeconds(5));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("[OperatorKillIT] the standby " + standby + " held the Lease " + takeover.toMillis()
                    + " ms after the leader was SIGKILLed (lease duration " + LEASE_DURATION.toSeconds() + " s)");
            // a killed leader never handed the Lease back: the standby waits for it to expire, then one retry period
            assertThat(takeover).as("takeover after the leader's SIGKILL")
                    .isLessThanOrEqualTo(LEASE_DURATION.plus(RETRY_PERIOD).plus(RETRY_PERIOD));
            replicas.put(leader, DedicatedOperator.start(value, leaderEnv(ns, leader)));
            awaitAllReady(ns, sites);
            assertChildrenOncePerSite(ns, sites);
            assertThat(credentials(ns)).containsAllEntriesOf(firstSeen).hasSize(sites);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + replicas.entrySet().stream()
                    .map(r -> "\n[" + r.getKey() + "] log tail:\n" + r.getValue().logTail(40)).collect(Collectors.joining()), e);
        } finally {
            replicas.values().forEach(OperatorProcess::kill);
        }
    }

    private static Map<String, String> leaderEnv(TestNamespace ns, String identity) {
        return Map.of("WPOVEN_LEADER_ELECTION_ENABLED", "true",
                "WPOVEN_LEADER_ELECTION_LEASE_NAME", LEASE,
                "WPOVEN_LEADER_ELECTION_LEASE_NAMESPACE", ns.name(),
                "WPOVEN_LEADER_ELECTION_IDENTITY", identity,
                "QUARKUS_OPERATOR_SDK_NAMESPACES", ns.name());
    }

    private static String holder(TestNamespace ns, Set<String> identities, Duration within) {
        Lease lease = TestNamespace.within(within).alias("Lease " + LEASE + " held by one of " + identities)
                .until(() -> ns.client().leases().inNamespace(ns.name()).withName(LEASE).get(),
                        l -> l != null && identities.contains(l.getSpec().getHolderIdentity()));
        return lease.getSpec().getHolderIdentity();
    }

    private static long ready(TestNamespace ns) {
        return ns.client().resources(WordPressSite.class).inNamespace(ns.name()).list().getItems().stream()
                .filter(s -> Sites.isTrue(s, "Ready")).count();
    }

    private static void awaitAllReady(TestNamespace ns, int count) {
        TestNamespace.within(CONVERGED).alias("all " + count + " sites Ready=True").until(() -> ready(ns) == count);
    }

    /** name → "uid resourceVersion sha256(data)" of every site's credentials Secret. */
    private static Map<String, String> credentials(TestNamespace ns) {
        return ns.client().secrets().inNamespace(ns.name()).withLabel("app.kubernetes.io/component", "credentials")
                .list().getItems().stream().collect(Collectors.toMap(s -> s.getMetadata().getName(),
                        s -> s.getMetadata().getUid() + " " + s.getMetadata().getResourceVersion() + " " + sha256(s)));
    }

    private static void remember(Map<String, String> now, Map<String, String> firstSeen) {
        now.forEach(firstSeen::putIfAbsent);
    }

    private static String sha256(Secret s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(new TreeMap<>(s.getData()).toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every site has the same children as site1, once each; every object a site owns is owned by one live site.
     */
    private static void assertChildrenOncePerSite(TestNamespace ns, int count) {
        var client = ns.client();
        List<HasMetadata> objects = new ArrayList<>();
        String managed = "app.kubernetes.io/managed-by";
        objects.addAll(client.secrets().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.configMaps().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.services().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.apps().deployments().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.apps().statefulSets().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.network().networkPolicies().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.network().v1().ingresses().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.batch().v1().jobs().inNamespace(ns.name()).withLabel(managed).list().getItems());
        objects.addAll(client.persistentVolumeClaims().inNamespace(ns.name()).withLabel(managed).list().getItems());
        Map<String, String> siteUids = client.resources(WordPressSite.class).inNamespace(ns.name()).list().getItems().stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getUid(), s -> s.getMetadata().getName()));
        Map<String, List<String>> bySite = new TreeMap<>();
        for (HasMetadata o : objects) {
            List<String> owners = o.getMetadata().getOwnerReferences().stream()
                    .filter(r -> "WordPressSite".equals(r.getKind())).map(r -> r.getUid()).toList();
            if (owners.isEmpty()) {
                continue; // the claims of the MariaDB StatefulSet's pods: the StatefulSet's, not the site's
            }
            assertThat(owners).as("%s %s is owned by exactly one live site", o.getKind(), o.getMetadata().getName())
                    .hasSize(1).allMatch(siteUids::containsKey);
            String site = siteUids.get(owners.get(0));
            bySite.computeIfAbsent(site, s -> new ArrayList<>())
                    .add(o.getKind() + " " + o.getMetadata().getName().replace(site, "SITE")
                            // the image check's Job is named from the site's own change (image and start time)
                            .replaceFirst("^SITE-wp-check-[0-9a-f]+$", "SITE-wp-check-CHANGE"));
        }
        List<String> reference = bySite.get("site1").stream().sorted().toList();
        assertThat(reference).as("site1's children").hasSizeGreaterThanOrEqualTo(18).doesNotHaveDuplicates();
        assertThat(bySite).as("sites with children").hasSize(count);
        IntStream.rangeClosed(1, count).mapToObj(i -> "site" + i).forEach(site -> assertThat(
                bySite.get(site).stream().sorted().toList()).as("children of %s, by kind and name", site)
                .isEqualTo(reference));
    }
}
