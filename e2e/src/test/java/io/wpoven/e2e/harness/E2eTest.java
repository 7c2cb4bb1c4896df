package io.wpoven.e2e.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An e2e test class: the cluster is found, the operator runs, and each test method gets its own namespace
 * (Pod Security "restricted" enforced) as a {@link TestNamespace} parameter. On failure the namespace's
 * objects and the operator log are dumped under e2e/target/e2e-dumps. Classes run side by side ({@link Exclusive}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(E2eExtension.class)
@ResourceLock(value = Exclusive.ADDON_CRDS, mode = ResourceAccessMode.READ)
public @interface E2eTest {
}
