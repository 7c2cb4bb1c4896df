package io.wpoven.tool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which artifacts a retention policy deletes. A complete artifact goes when it is beyond the newest {@code keepLast}
 * or older than {@code maxAge} (either rule suffices); the newest complete artifact is never deleted. An incomplete
 * artifact (no manifest) goes once it is older than an hour: younger, it may be a backup still being written.
 */
public record Retention(Optional<Integer> keepLast, Optional<Duration> maxAge) {
    public static final Duration INCOMPLETE_GRACE = Duration.ofHours(1);

    /** One artifact in storage: complete ones are dated by their manifest, incomplete ones by their newest file. */
    public record Candidate(String name, boolean complete, Instant time) {
    }

    public Retention {
        keepLast.ifPresent(n -> {
            if (n < 1) {
                throw new ConfigException("KEEP_LAST", "must be at least 1, not " + n);
            }
        });
    }

    public boolean isEmpty() {
        return keepLast.isEmpty() && maxAge.isEmpty();
    }

    public List<String> select(List<Candidate> candidates, Instant now) {
        List<String> delete = new ArrayList<>();
        List<Candidate> complete = candidates.stream().filter(Candidate::complete)
                .sorted(Comparator.comparing(Candidate::time).reversed().thenComparing(Candidate::name, Comparator.reverseOrder()))
                .toList();
        for (int i = 1; i < complete.size(); i++) { // i = 0 is the newest: always kept
            Candidate c = complete.get(i);
            boolean beyondKeepLast = keepLast.isPresent() && i >= keepLast.get();
            boolean tooOld = maxAge.isPresent() && c.time().isBefore(now.minus(maxAge.get()));
            if (beyondKeepLast || tooOld) {
                delete.add(c.name());
            }
        }
        candidates.stream().filter(c -> !c.complete() && c.time().isBefore(now.minus(INCOMPLETE_GRACE)))
                .map(Candidate::name).sorted().forEach(delete::add);
        return delete;
    }
}
