package io.wpoven.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

@JsonClassDescription("Observed state written by the operator: the runs in progress, the artifacts in storage (newest"
        + " first), the last times and the conditions.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Complete and Failed describe the latest finished run (a later success clears an earlier failure);"
            + " Running is True while a run is active; Ready is False when the Backup cannot run at all.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("When the latest run started.")
    private String lastScheduleTime;

    @JsonPropertyDescription("When the latest successful run finished.")
    private String lastSuccessfulTime;

    @JsonPropertyDescription("When the latest failed run finished.")
    private String lastFailureTime;

    @JsonPropertyDescription("Jobs running now.")
    private List<String> active = new ArrayList<>();

    @JsonPropertyDescription("The newest complete artifact: what a Restore uses when it names none.")
    private BackupArtifact latestArtifact;

    @JsonPropertyDescription("Complete artifacts written by the runs the operator still sees, newest first (at most 10).")
    private List<BackupArtifact> artifacts = new ArrayList<>();

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(conditions, s.conditions) && Objects.equals(lastScheduleTime, s.lastScheduleTime)
                && Objects.equals(lastSuccessfulTime, s.lastSuccessfulTime) && Objects.equals(lastFailureTime, s.lastFailureTime)
                && Objects.equals(active, s.active) && Objects.equals(latestArtifact, s.latestArtifact)
                && Objects.equals(artifacts, s.artifacts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, lastScheduleTime, lastSuccessfulTime, active, latestArtifact);
    }

    // --- accessors ---

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getLastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(String lastScheduleTime) {
        this.lastScheduleTime = lastScheduleTime;
    }

    public String getLastSuccessfulTime() {
        return lastSuccessfulTime;
    }

    public void setLastSuccessfulTime(String lastSuccessfulTime) {
        this.lastSuccessfulTime = lastSuccessfulTime;
    }

    public String getLastFailureTime() {
        return lastFailureTime;
    }

    public void setLastFailureTime(String lastFailureTime) {
        this.lastFailureTime = lastFailureTime;
    }

    public List<String> getActive() {
        return active;
    }

    public void setActive(List<String> active) {
        this.active = active;
    }

    public BackupArtifact getLatestArtifact() {
        return latestArtifact;
    }

    public void setLatestArtifact(BackupArtifact latestArtifact) {
        this.latestArtifact = latestArtifact;
    }

    public List<BackupArtifact> getArtifacts() {
        return artifacts;
    }

    public void setArtifacts(List<BackupArtifact> artifacts) {
        this.artifacts = artifacts;
    }
}
