package io.wpoven.e2e.harness;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local cluster's add-ons (hack/addons.sh: ingress controller, cert-manager, metrics-server, the NetworkPolicy
 * engine, Prometheus), started on demand by the tests that prove them. hack/test.sh builds every add-on in the
 * background at the lowest CPU priority while the other tests run; {@link #up} waits for that build (raising it to
 * normal priority) when it has not finished, so the first caller may wait minutes on a cold machine and none after.
 */
public final class Addons {
    /** A cold build of the largest add-on (Traefik) takes about 5 minutes on 2 idle cores; a loaded machine is slower. */
    private static final Duration BUILD_AND_START = Duration.ofMinutes(30);
    private static final Set<String> UP = ConcurrentHashMap.newKeySet();

    private Addons() {
    }

    /** Starts the add-on on the local cluster unless this JVM already did (idempotent in hack/addons.sh too). */
    public static synchronized void up(String name) {
        if (UP.contains(name)) {
            return;
        }
        Cluster.run(BUILD_AND_START, Repo.root().resolve("hack/addons.sh").toString(), "up", name);
        UP.add(name);
    }

    /** Stops the add-on and removes what {@link #up} applied, for a test that must leave the cluster as it was. */
    public static synchronized void down(String name) {
        Cluster.run(Duration.ofMinutes(2), Repo.root().resolve("hack/addons.sh").toString(), "down", name);
        UP.remove(name);
    }
}
