package io.wpoven.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

@JsonClassDescription("Observed state written by the operator: the phase, the step conditions, the resolved artifact"
        + " and target site, and the times.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreStatus {
    @JsonPropertyDescription("Where the restore is: Pending, SafetyBackup, Quiescing, Restoring, Resuming, Succeeded or Failed.")
    private String phase;

    @JsonPropertyDescription("SafetyBackupComplete, SiteQuiesced, Restored, CachePurged for each step; Complete or Failed at the end.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The artifact being restored (resolved from the Backup when the spec names none).")
    private String artifact;

    @JsonPropertyDescription("The site being restored into.")
    private String targetSite;

    @JsonPropertyDescription("The artifact of the safety backup taken before the restore: restore it to undo.")
    private String safetyArtifact;

    @JsonPropertyDescription("When the restore started.")
    private String startTime;

    @JsonPropertyDescription("When the restore finished, successfully or not.")
    private String completionTime;

    @JsonPropertyDescription("When the current step (the phase) began: each step has a deadline counted from here.")
    private String stepTime;

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoreStatus s && Objects.equals(phase, s.phase) && Objects.equals(conditions, s.conditions)
                && Objects.equals(artifact, s.artifact) && Objects.equals(targetSite, s.targetSite)
                && Objects.equals(safetyArtifact, s.safetyArtifact) && Objects.equals(startTime, s.startTime)
                && Objects.equals(completionTime, s.completionTime) && Objects.equals(stepTime, s.stepTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, artifact, targetSite);
    }

    // --- accessors ---

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getArtifact() {
        return artifact;
    }

    public void setArtifact(String artifact) {
        this.artifact = artifact;
    }

    public String getTargetSite() {
        return targetSite;
    }

    public void setTargetSite(String targetSite) {
        this.targetSite = targetSite;
    }

    public String getSafetyArtifact() {
        return safetyArtifact;
    }

    public void setSafetyArtifact(String safetyArtifact) {
        this.safetyArtifact = safetyArtifact;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getStepTime() {
        return stepTime;
    }

    public void setStepTime(String stepTime) {
        this.stepTime = stepTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }
}
