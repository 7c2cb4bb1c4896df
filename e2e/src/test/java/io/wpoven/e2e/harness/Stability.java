package io.wpoven.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Waits until what a probe reports has stopped changing for a while: controllers settled, retries ended. */
public final class Stability {
    private Stability() {
    }

    public static <T> T awaitStable(String alias, Supplier<T> probe, Duration window, Duration timeout) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicLong since = new AtomicLong(System.nanoTime());
        await(alias).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            T now = probe.get();
            if (!Objects.equals(now, last.get())) {
                last.set(now);
                since.set(System.nanoTime());
                return false;
            }
            return System.nanoTime() - since.get() >= window.toNanos();
        });
        return last.get();
    }
}
