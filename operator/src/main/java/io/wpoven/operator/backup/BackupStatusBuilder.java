package io.wpoven.operator.backup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupArtifact;
import io.wpoven.operator.api.v1alpha1.BackupStatus;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.status.ConditionsBuilder;

/**
 * Status of a Backup from its Jobs. Complete and Failed describe the latest finished run, so a later success
 * clears an earlier failure; a run stopped by its deadline is the Job controller's DeadlineExceeded failure.
 * Times and artifacts survive the Jobs (CronJobs keep only a few), by carrying them over from the last status.
 */
public class BackupStatusBuilder {
    public static final String READY = "Ready";
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    public static final String RUNNING = "Running";
    static final int MAX_ARTIFACTS = 10;

    private final Clock clock;

    public BackupStatusBuilder(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param problem why the Backup cannot run at all (site missing …), or null
     * @param results the tool's result of a finished Job, when it can be read
     */
    public BackupStatus build(Backup backup, List<Job> jobs, Function<Job, Optional<ToolResult>> results, String problem) {
        BackupStatus previous = Optional.ofNullable(backup.getStatus()).orElseGet(BackupStatus::new);
        BackupStatus status = new BackupStatus();
        status.setObservedGeneration(backup.getMetadata().getGeneration());
        List<Job> sorted = jobs.stream().sorted(JobOutcome.BY_FINISH).toList();

        status.setActive(sorted.stream().filter(j -> !JobOutcome.of(j).finished()).map(j -> j.getMetadata().getName())
                .sorted().toList());
        status.setLastScheduleTime(latest(previous.getLastScheduleTime(),
                sorted.stream().map(j -> JobOutcome.of(j).startTime()).max(Comparator.naturalOrder()).orElse(null)));

        Map<String, BackupArtifact> artifacts = new LinkedHashMap<>();
        previous.getArtifacts().forEach(a -> artifacts.put(a.getName(), a));
        String lastSuccess = previous.getLastSuccessfulTime();
        String lastFailure = previous.getLastFailureTime();
        Job latestFinished = null;
        for (Job job : sorted) {
            JobOutcome outcome = JobOutcome.of(job);
            if (!outcome.finished()) {
                continue;
            }
            latestFinished = job;
            Optional<ToolResult> result = results.apply(job);
            if (outcome.state() == JobOutcome.State.SUCCEEDED) {
                lastSuccess = latest(lastSuccess, outcome.finishTime());
                String name = result.map(ToolResult::artifact).orElse(job.getMetadata().getName());
                BackupArtifact known = artifacts.get(name);
                List<BackupArtifact.ArtifactFile> files = result.map(ToolResult::filesOrEmpty)
                        .orElse(known == null ? List.of() : known.getFiles());
                artifacts.put(name, new BackupArtifact(name, outcome.finishTime(), files));
                result.ifPresent(r -> r.deletedOrEmpty().forEach(artifacts::remove));
            } else {
                lastFailure = latest(lastFailure, outcome.finishTime());
            }
        }
        List<BackupArtifact> newestFirst = new ArrayList<>(artifacts.values());
        newestFirst.sort(Comparator.comparing((BackupArtifact a) -> Optional.ofNullable(a.getCompletionTime()).orElse(""))
                .reversed());
        status.setArtifacts(List.copyOf(newestFirst.subList(0, Math.min(MAX_ARTIFACTS, newestFirst.size()))));
        status.setLatestArtifact(status.getArtifacts().isEmpty() ? null : status.getArtifacts().get(0));
        status.setLastSuccessfulTime(lastSuccess);
        status.setLastFailureTime(lastFailure);

        ConditionsBuilder conditions = new ConditionsBuilder(previous.getConditions(), backup.getMetadata().getGeneration(), clock);
        if (problem != null) {
            conditions.add(READY, false, "CannotRun", problem);
        } else {
            conditions.add(READY, true, "AsExpected", backup.getSpec().getSchedule() == null ? "The backup runs once"
                    : Boolean.TRUE.equals(backup.getSpec().getSuspend()) ? "Suspended: no new runs start"
                    : "Runs on schedule " + backup.getSpec().getSchedule());
        }
        conditions.add(RUNNING, !status.getActive().isEmpty(), status.getActive().isEmpty() ? "Idle" : "JobActive",
                status.getActive().isEmpty() ? "No run is active" : "Running: " + String.join(", ", status.getActive()));
        Optional<Condition> lastComplete = previous.getConditions().stream().filter(c -> COMPLETE.equals(c.getType())).findFirst();
        Optional<Condition> lastFailed = previous.getConditions().stream().filter(c -> FAILED.equals(c.getType())).findFirst();
        if (latestFinished == null && lastComplete.isPresent() && lastFailed.isPresent()
                && !"NoRunFinished".equals(lastComplete.get().getReason())) {
            // the Jobs of earlier runs are gone (history limits, deleted by hand): their outcome stays on record
            conditions.add(COMPLETE, lastComplete.get().getStatus(), lastComplete.get().getReason(), lastComplete.get().getMessage());
            conditions.add(FAILED, lastFailed.get().getStatus(), lastFailed.get().getReason(), lastFailed.get().getMessage());
        } else if (latestFinished == null) {
            conditions.add(COMPLETE, false, "NoRunFinished", "No run has finished yet");
            conditions.add(FAILED, false, "NoRunFinished", "No run has finished yet");
        } else {
            JobOutcome outcome = JobOutcome.of(latestFinished);
            String job = latestFinished.getMetadata().getName();
            Optional<ToolResult> result = results.apply(latestFinished);
            if (outcome.state() == JobOutcome.State.SUCCEEDED) {
                String artifact = result.map(ToolResult::artifact).orElse(job);
                conditions.add(COMPLETE, true, "Succeeded", "Run " + job + " wrote artifact " + artifact);
                conditions.add(FAILED, false, "Succeeded", "The latest run succeeded");
            } else {
                String why = result.map(ToolResult::error).filter(e -> !e.isBlank())
                        .or(() -> Optional.ofNullable(outcome.message())).orElse("the Job failed");
                conditions.add(COMPLETE, false, outcome.reason(), "The latest run failed");
                conditions.add(FAILED, true, outcome.reason(), "Run " + job + " failed: " + why);
            }
        }
        status.setConditions(conditions.build());
        return status;
    }

    private static String latest(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
