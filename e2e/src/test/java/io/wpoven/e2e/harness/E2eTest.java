package io.wpoven.e2e.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An e2e test class: the cluster is found, the operator runs, and each test method gets its own namespace
 * (Pod Security "restricted" enforced) as a {@link TestNamespace} parameter. On failure the namespace's
 * objects and the operator log are dumped under e2e/target/e2e-dumps.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(E2eExtension.class)
public @interface E2eTest {
}
