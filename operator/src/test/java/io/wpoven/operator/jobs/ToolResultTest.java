package io.wpoven.operator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/** A run's result is read only from a pod of that very Job, never from a pod that only carries its name. */
class ToolResultTest {
    final Job job = new JobBuilder().withNewMetadata().withName("b-20261201").withNamespace("shop").withUid("job-uid")
            .endMetadata().build();

    static Pod pod(String name, Map<String, String> labels, String ownerUid, String message) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").withLabels(labels).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("tool").withNewState().withNewTerminated()
                .withExitCode(0).withMessage(message).endTerminated().endState().endContainerStatus().endStatus();
        if (ownerUid != null) {
            b.editMetadata().addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName("b-20261201")
                    .withUid(ownerUid).withController(true).endOwnerReference().endMetadata();
        }
        return b.build();
    }

    @Test
    void theJobsOwnPodGivesTheResult() {
        Pod own = pod("b-20261201-abcde", Map.of(ToolResult.CONTROLLER_UID_LABEL, "job-uid",
                ToolPods.JOB_NAME_LABEL, "b-20261201"), "job-uid", "{\"artifact\":\"real\"}");
        assertThat(ToolResult.fromPods(job, List.of(own))).hasValueSatisfying(r -> assertThat(r.artifact()).isEqualTo("real"));
    }

    @Test
    void aForgedPodWithTheJobsNameOrUidLabelButNotOwnedByItIsIgnored() {
        Pod byName = pod("forged-1", Map.of(ToolPods.JOB_NAME_LABEL, "b-20261201"), null, "{\"artifact\":\"fake\"}");
        Pod byUidLabel = pod("forged-2", Map.of(ToolResult.CONTROLLER_UID_LABEL, "job-uid"), null, "{\"artifact\":\"fake\"}");
        Pod otherJob = pod("old-run", Map.of(ToolResult.CONTROLLER_UID_LABEL, "old-uid", ToolPods.JOB_NAME_LABEL, "b-20261201"),
                "old-uid", "{\"artifact\":\"stale\"}");
        assertThat(ToolResult.fromPods(job, List.of(byName, byUidLabel, otherJob))).isEmpty();
        Pod own = pod("b-20261201-abcde", Map.of(ToolResult.CONTROLLER_UID_LABEL, "job-uid"), "job-uid", "{\"artifact\":\"real\"}");
        assertThat(ToolResult.fromPods(job, List.of(byName, own, byUidLabel)))
                .hasValueSatisfying(r -> assertThat(r.artifact()).isEqualTo("real"));
    }
}
