package io.wpoven.e2e.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceAccessMode;

/**
 * What e2e classes cannot share while they run side by side (src/test/resources/junit-platform.properties). Each
 * test has its own namespace and the shared operator serves them all, so most classes need nothing. A class that
 * changes or measures the whole cluster (CRDs, cluster roles, the shared operator's metrics, timing under load)
 * carries JUnit's {@code @Isolated} instead and runs alone.
 */
public final class Exclusive {
    /** The add-ons' CRDs (cert-manager, ServiceMonitor): whether they exist changes what the operator makes. */
    public static final String ADDON_CRDS = "wpoven:addon-crds";

    private Exclusive() {
    }

    /**
     * Installs or removes an add-on's CRD (cert-manager, ServiceMonitor): no other cluster test runs meanwhile (every
     * {@link E2eTest} reads them). Such a class also carries JUnit's {@code @Isolated}, so it runs after the
     * side-by-side classes: a class that waits for this write lock holds one of the three threads and, once queued,
     * keeps every later reader waiting too, which left only the real-node chain running for most of a CI run.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ResourceLock(ADDON_CRDS)
    public @interface AddonCrds {
    }

    /**
     * The real node and its in-cluster operator (which some of these tests kill): one such class at a time. They
     * still run beside the KWOK-only classes.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ResourceLock("wpoven:real-node")
    @ResourceLock(value = ADDON_CRDS, mode = ResourceAccessMode.READ)
    public @interface RealNode {
    }

    /** The daemons on loopback (MariaDB, Redis, Nginx, Varnish, the S3 server) on fixed ports: one class at a time. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ResourceLock("wpoven:loopback")
    public @interface LoopbackDaemons {
    }
}
