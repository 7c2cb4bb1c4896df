package io.wpoven.operator.jobs;

import java.util.Comparator;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** What a Job's status says: still running, succeeded or failed (with the Job controller's reason). */
public record JobOutcome(State state, String reason, String message, String startTime, String finishTime) {
    public enum State {
        RUNNING, SUCCEEDED, FAILED
    }

    public static JobOutcome of(Job job) {
        var status = job.getStatus();
        String start = status != null && status.getStartTime() != null ? status.getStartTime()
                : job.getMetadata().getCreationTimestamp();
        if (status != null && status.getConditions() != null) {
            Optional<JobCondition> complete = condition(job, "Complete");
            if (complete.isPresent()) {
                String at = status.getCompletionTime() != null ? status.getCompletionTime() : complete.get().getLastTransitionTime();
                return new JobOutcome(State.SUCCEEDED, "Succeeded", complete.get().getMessage(), start, at);
            }
            Optional<JobCondition> failed = condition(job, "Failed");
            if (failed.isPresent()) {
                return new JobOutcome(State.FAILED, Optional.ofNullable(failed.get().getReason()).orElse("Failed"),
                        failed.get().getMessage(), start, failed.get().getLastTransitionTime());
            }
        }
        return new JobOutcome(State.RUNNING, "Running", null, start, null);
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    /** Slack on a procedure step's deadline beyond its Job's own activeDeadlineSeconds (the Job controller ends it first). */
    public static final java.time.Duration STEP_SLACK = java.time.Duration.ofMinutes(10);

    /** How often a procedure looks at a running Job besides the Job's events (so the step's deadline is seen). */
    public static final long LOOK_SECONDS = 30;

    public boolean finished() {
        return state != State.RUNNING;
    }

    /** Oldest first by finish time (running Jobs last), then by name. */
    public static final Comparator<Job> BY_FINISH = Comparator
            .comparing((Job j) -> Optional.ofNullable(of(j).finishTime()).orElse("~"))
            .thenComparing(j -> j.getMetadata().getName());
}
