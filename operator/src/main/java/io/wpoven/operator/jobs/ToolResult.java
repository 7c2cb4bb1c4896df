package io.wpoven.operator.jobs;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.wpoven.operator.api.v1alpha1.BackupArtifact.ArtifactFile;

/**
 * The one-line JSON the tool writes to its termination message: what it wrote or deleted, or why it failed.
 * When the tool died before writing it, Kubernetes puts the log tail there instead (FallbackToLogsOnError).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolResult(String command, String artifact, List<ArtifactFile> files, List<String> deleted, Long changes,
        String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<ToolResult> parse(String message) {
        if (message == null || message.isBlank()) {
            return Optional.empty();
        }
        String trimmed = message.strip();
        try {
            if (trimmed.startsWith("{")) {
                return Optional.of(JSON.readValue(trimmed, ToolResult.class));
            }
        } catch (Exception e) {
            // not the tool's JSON: fall through to the log tail
        }
        String[] lines = trimmed.split("\n");
        String last = lines[lines.length - 1];
        return Optional.of(new ToolResult(null, null, List.of(), List.of(), null,
                last.length() > 500 ? last.substring(0, 500) + "…" : last));
    }

    /** The result of a Job's (single) tool container, if it has terminated. */
    public static Optional<ToolResult> of(Pod pod) {
        return terminationMessage(pod).flatMap(ToolResult::parse);
    }

    /** The termination message of a pod's (single) terminated tool container: the channel every tool result uses. */
    public static Optional<String> terminationMessage(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(c -> c.getState() != null && c.getState().getTerminated() != null)
                .map(c -> c.getState().getTerminated())
                .map(ContainerStateTerminated::getMessage)
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** The termination message of a Job's pod, if the pod is still there and has one. */
    public static Optional<String> terminationMessage(io.fabric8.kubernetes.client.KubernetesClient client,
            io.fabric8.kubernetes.api.model.batch.v1.Job job) {
        return client.pods().inNamespace(job.getMetadata().getNamespace())
                .withLabel(ToolPods.JOB_NAME_LABEL, job.getMetadata().getName()).list().getItems().stream()
                .map(ToolResult::terminationMessage).flatMap(Optional::stream).findFirst();
    }

    /** The label the Job controller puts on its pods: the Job's uid. */
    public static final String CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";

    /**
     * The result in the termination message of a Job's pod, if the pod is still there and has one. Only a pod of
     * this very Job counts: listed by the Job's uid label and owned (controller) by the Job's uid, so a pod anyone
     * else made with the Job's name in a label cannot make the operator record a result.
     */
    public static Optional<ToolResult> forJob(io.fabric8.kubernetes.client.KubernetesClient client,
            io.fabric8.kubernetes.api.model.batch.v1.Job job) {
        return fromPods(job, client.pods().inNamespace(job.getMetadata().getNamespace())
                .withLabel(CONTROLLER_UID_LABEL, job.getMetadata().getUid()).list().getItems());
    }

    /** Pure part of {@link #forJob}: the result of the first terminated pod the Job itself controls. */
    public static Optional<ToolResult> fromPods(io.fabric8.kubernetes.api.model.batch.v1.Job job, List<Pod> pods) {
        String uid = job.getMetadata().getUid();
        if (uid == null) {
            return Optional.empty();
        }
        return pods.stream()
                .filter(p -> uid.equals(p.getMetadata().getLabels() == null ? null
                        : p.getMetadata().getLabels().get(CONTROLLER_UID_LABEL)))
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> uid.equals(o.getUid()) && "Job".equals(o.getKind()) && Boolean.TRUE.equals(o.getController())))
                .map(ToolResult::of).flatMap(Optional::stream).findFirst();
    }

    /** Why a finished Job failed: the tool's own error if its pod says, else the Job controller's message or reason. */
    public static String why(io.fabric8.kubernetes.client.KubernetesClient client, io.fabric8.kubernetes.api.model.batch.v1.Job job,
            JobOutcome outcome) {
        return forJob(client, job).map(ToolResult::error).filter(e -> e != null && !e.isBlank())
                .or(() -> Optional.ofNullable(outcome.message())).orElse(outcome.reason());
    }

    public List<ArtifactFile> filesOrEmpty() {
        return files == null ? List.of() : files;
    }

    public List<String> deletedOrEmpty() {
        return deleted == null ? List.of() : deleted;
    }
}
