package io.wpoven.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupArtifact.ArtifactFile;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.BackupStatus;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.jobs.ToolResult;

class BackupStatusBuilderTest {
    final BackupStatusBuilder builder = new BackupStatusBuilder(Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC));

    @Test
    void noRunYetIsNeitherCompleteNorFailed() {
        BackupStatus s = builder.build(backup(null), List.of(), j -> Optional.empty(), null);
        assertThat(cond(s, "Complete").getReason()).isEqualTo("NoRunFinished");
        assertThat(cond(s, "Failed").getStatus()).isEqualTo("False");
        assertThat(cond(s, "Ready").getStatus()).isEqualTo("True");
        assertThat(s.getLatestArtifact()).isNull();
    }

    @Test
    void aTimedOutRunIsAFailureWithTheJobControllersReason() {
        Job timedOut = failed("b-1", "2026-11-28T01:00:00Z", "DeadlineExceeded", "Job was active longer than specified deadline");
        BackupStatus s = builder.build(backup(null), List.of(timedOut), j -> Optional.empty(), null);
        assertThat(cond(s, "Failed").getStatus()).isEqualTo("True");
        assertThat(cond(s, "Failed").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(cond(s, "Complete").getStatus()).as("a timeout is never success").isEqualTo("False");
        assertThat(s.getLastFailureTime()).isEqualTo("2026-11-28T01:00:00Z");
        assertThat(s.getLastSuccessfulTime()).isNull();
    }

    @Test
    void theToolsErrorExplainsAFailure() {
        Job broken = failed("b-1", "2026-11-28T01:00:00Z", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        BackupStatus s = builder.build(backup(null), List.of(broken),
                j -> Optional.of(new ToolResult("backup", null, null, null, null, "cannot connect to the database at blog-mariadb:3306")),
                null);
        assertThat(cond(s, "Failed").getMessage()).contains("cannot connect to the database");
    }

    @Test
    void aLaterSuccessClearsAnEarlierFailureAndBothStayOnRecord() {
        Job first = failed("b-1", "2026-11-28T01:00:00Z", "DeadlineExceeded", "deadline");
        Job second = succeeded("b-2", "2026-11-28T02:00:00Z");
        BackupStatus s = builder.build(backup(null), List.of(second, first), j -> Optional.empty(), null);
        assertThat(cond(s, "Complete").getStatus()).isEqualTo("True");
        assertThat(cond(s, "Failed").getStatus()).isEqualTo("False");
        assertThat(s.getLastFailureTime()).isEqualTo("2026-11-28T01:00:00Z");
        assertThat(s.getLastSuccessfulTime()).isEqualTo("2026-11-28T02:00:00Z");
        assertThat(s.getLatestArtifact().getName()).isEqualTo("b-2");
    }

    @Test
    void aLaterFailureIsReportedEvenAfterASuccess() {
        BackupStatus s = builder.build(backup(null), List.of(succeeded("b-1", "2026-11-28T01:00:00Z"),
                failed("b-2", "2026-11-28T02:00:00Z", "BackoffLimitExceeded", "x")), j -> Optional.empty(), null);
        assertThat(cond(s, "Failed").getStatus()).isEqualTo("True");
        assertThat(cond(s, "Complete").getStatus()).isEqualTo("False");
        assertThat(s.getLatestArtifact().getName()).as("the newest complete artifact is still the restore default").isEqualTo("b-1");
    }

    @Test
    void artifactsCarryTheToolsChecksumsAndRetentionDeletionsLeaveStatus() {
        Backup backup = backup(null);
        BackupStatus first = builder.build(backup, List.of(succeeded("b-1", "2026-11-28T01:00:00Z")), j -> Optional.empty(), null);
        backup.setStatus(first);
        // b-1's Job is gone (history limit); b-2 reports that retention deleted b-1
        ToolResult result = new ToolResult("backup", "b-2", List.of(new ArtifactFile("database.sql.gz", 1234L, "ab12")),
                List.of("b-1"), null, null);
        BackupStatus second = builder.build(backup, List.of(succeeded("b-2", "2026-11-28T02:00:00Z")), j -> Optional.of(result), null);
        assertThat(second.getArtifacts()).extracting(a -> a.getName()).containsExactly("b-2");
        assertThat(second.getLatestArtifact().getFiles()).singleElement()
                .satisfies(f -> assertThat(f.getSha256()).isEqualTo("ab12"));
        assertThat(second.getLastSuccessfulTime()).isEqualTo("2026-11-28T02:00:00Z");
    }

    @Test
    void timesAndArtifactsOutliveTheJobs() {
        Backup backup = backup("0 3 * * *");
        backup.setStatus(builder.build(backup, List.of(succeeded("b-1", "2026-11-28T01:00:00Z")), j -> Optional.empty(), null));
        BackupStatus later = builder.build(backup, List.of(), j -> Optional.empty(), null);
        assertThat(later.getLastSuccessfulTime()).isEqualTo("2026-11-28T01:00:00Z");
        assertThat(later.getLatestArtifact().getName()).isEqualTo("b-1");
        assertThat(later).as("no change, no write").isEqualTo(backup.getStatus());
    }

    @Test
    void runningJobsAreListedAndAProblemMakesItNotReady() {
        Job running = new JobBuilder().withMetadata(meta("b-3")).withNewStatus().withStartTime("2026-11-28T03:00:00Z")
                .withActive(1).endStatus().build();
        BackupStatus s = builder.build(backup(null), List.of(running), j -> Optional.empty(), "WordPressSite blog not found");
        assertThat(s.getActive()).containsExactly("b-3");
        assertThat(cond(s, "Running").getStatus()).isEqualTo("True");
        assertThat(cond(s, "Ready").getMessage()).contains("blog not found");
        assertThat(s.getLastScheduleTime()).isEqualTo("2026-11-28T03:00:00Z");
    }

    static Backup backup(String schedule) {
        Backup b = new Backup();
        b.setMetadata(new ObjectMetaBuilder().withName("b").withNamespace("shop").withGeneration(1L).build());
        BackupSpec spec = new BackupSpec();
        SiteRefSpec ref = new SiteRefSpec();
        ref.setName("blog");
        spec.setSiteRef(ref);
        spec.setSchedule(schedule);
        b.setSpec(spec);
        return b;
    }

    static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name)
                .withLabels(Map.of("wpoven.io/backup", "b")).build();
    }

    static Job succeeded(String name, String at) {
        return new JobBuilder().withMetadata(meta(name)).withNewStatus().withStartTime(at).withCompletionTime(at)
                .withSucceeded(1)
                .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime(at).endCondition()
                .endStatus().build();
    }

    static Job failed(String name, String at, String reason, String message) {
        return new JobBuilder().withMetadata(meta(name)).withNewStatus().withStartTime(at).withFailed(1)
                .addNewCondition().withType("Failed").withStatus("True").withReason(reason).withMessage(message)
                .withLastTransitionTime(at).endCondition()
                .endStatus().build();
    }

    static Condition cond(BackupStatus s, String type) {
        return s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
