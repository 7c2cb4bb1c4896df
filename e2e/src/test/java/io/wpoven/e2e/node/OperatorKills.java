package io.wpoven.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.TestNamespace;

/**
 * The operator killed (SIGKILL, restarted by kubelet) at each named step of a procedure as the procedure reaches it.
 * The steps are given in order, each with a test of "this step has been reached" that stays true once it is; the
 * walk kills at a step when it is the furthest one reached (a step already passed while the operator was away is
 * skipped, never killed at late), and stops at the end state. What a step test reads is what a user can see: the
 * object's status and the Jobs and pods it made.
 */
final class OperatorKills {
    private record Step(String name, BooleanSupplier reached) {
    }

    private final String procedure;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> killed = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    OperatorKills(String procedure) {
        this.procedure = procedure;
    }

    OperatorKills at(String step, BooleanSupplier reached) {
        steps.add(new Step(step, reached));
        return this;
    }

    /** Walks the steps until {@code ended}; returns the steps the operator was killed at. */
    List<String> walk(Duration timeout, BooleanSupplier ended) {
        return walk(timeout, ended, List.of());
    }

    /**
     * The same, not killing at the steps of {@code covered} (killed at in an earlier run of the same procedure), so
     * that a second run kills at the steps the first one passed while the operator was away.
     */
    List<String> walk(Duration timeout, BooleanSupplier ended, List<String> covered) {
        InClusterOperator operator = InClusterOperator.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            while (true) {
                assertThat(System.nanoTime()).as(procedure + ": step " + step.name() + " (or a later one, or the end)"
                        + " reached within " + timeout).isLessThan(deadline);
                if (ended.getAsBoolean() || later(i)) {
                    skipped.add(step.name());
                    break;
                }
                if (covered.contains(step.name())) {
                    break;
                }
                if (step.reached().getAsBoolean()) {
                    Duration away = operator.kill();
                    killed.add(step.name());
                    System.out.printf("[e2e] %s: operator killed at \"%s\", back after %d ms%n", procedure, step.name(),
                            away.toMillis());
                    break;
                }
                pause();
            }
        }
        System.out.printf("[e2e] %s: killed at %d steps %s, passed while away: %s%n", procedure, killed.size(), killed,
                skipped);
        return List.copyOf(killed);
    }

    private boolean later(int index) {
        return steps.subList(index + 1, steps.size()).stream().anyMatch(s -> s.reached().getAsBoolean());
    }

    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Job whose name passes the test exists in the namespace. */
    static BooleanSupplier job(TestNamespace ns, Predicate<String> name) {
        return () -> ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                .anyMatch(j -> name.test(j.getMetadata().getName()));
    }

    /** A pod of a Job whose name passes the test has run (Running, or already finished). */
    static BooleanSupplier jobPodStarted(TestNamespace ns, Predicate<String> job) {
        return () -> ns.client().pods().inNamespace(ns.name()).list().getItems().stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && job.test(p.getMetadata().getLabels().getOrDefault("job-name", "")))
                .map(Pod::getStatus).anyMatch(s -> s != null && List.of("Running", "Succeeded", "Failed").contains(s.getPhase()));
    }
}
