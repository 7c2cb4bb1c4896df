package io.wpoven.operator.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks repositories what their refs point at off the reconcile threads: a few threads with a bounded queue (a full
 * queue is tried again on the next pass), one question per site at a time, and the last answer per site kept with
 * what it was asked ({@link Key}), so a changed ref, repository or Secret is asked at once, not after the interval.
 */
public final class RefPoller {
    /** What an answer is valid for: the repository, the ref and the credentials Secret's version. */
    public record Key(String repository, String ref, String secretVersion) {
    }

    record Answer(Key key, Instant asked, GitRemote.Resolution resolution) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> asking = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor;
    private final Clock clock;

    public RefPoller(int threads, int queue, Clock clock) {
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "git-ls-remote");
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The last answer for this key (empty: none yet), asking again in the background when it is older than the
     * interval or was for another key.
     */
    public Optional<GitRemote.Resolution> latest(String site, Key key, Duration interval, Supplier<GitRemote.Resolution> ask) {
        Answer answer = answers.get(site);
        boolean current = answer != null && answer.key().equals(key);
        if ((!current || !answer.asked().plus(interval).isAfter(clock.instant())) && asking.putIfAbsent(site, true) == null) {
            try {
                executor.execute(() -> {
                    try {
                        Instant asked = clock.instant();
                        answers.put(site, new Answer(key, asked, ask.get()));
                    } finally {
                        asking.remove(site);
                    }
                });
            } catch (RejectedExecutionException e) {
                asking.remove(site); // the queue is full: asked on a later pass
            }
        }
        return current ? Optional.of(answer.resolution()) : Optional.empty();
    }

    /** Seconds until the answer for the site is due again (at least 1). */
    public long secondsUntilDue(String site, Duration interval) {
        Answer answer = answers.get(site);
        if (answer == null || asking.containsKey(site)) {
            return 1;
        }
        long left = Duration.between(clock.instant(), answer.asked().plus(interval)).toSeconds();
        return Math.max(1, left + 1);
    }

    public void forget(String site) {
        answers.remove(site);
    }
}
