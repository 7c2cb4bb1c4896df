package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Git deployment of spec.code.git: what serves, what is being deployed, and why not when it cannot be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CodeStatus {
    @JsonPropertyDescription("The commit serving at spec.code.git.path.")
    private String commit;

    @JsonPropertyDescription("The ref that commit was deployed for.")
    private String ref;

    @JsonPropertyDescription("When that commit was switched in.")
    private String deployTime;

    @JsonPropertyDescription("Where it serves: spec.code.git.path, and subPath after a colon when set.")
    private String source;

    @JsonPropertyDescription("The commit that served before it.")
    private String previousCommit;

    @JsonPropertyDescription("The step of the deploy in progress (Deploying, Purging); absent when none runs.")
    private String phase;

    @JsonPropertyDescription("When that step began.")
    private String stepTime;

    @JsonPropertyDescription("The commit being deployed.")
    private String target;

    @JsonPropertyDescription("The ref the commit being deployed was resolved from.")
    private String targetRef;

    @JsonPropertyDescription("Deploys started so far: each has its own Job.")
    private Long deployments;

    @JsonPropertyDescription("A commit whose deploy failed: not tried again until the ref moves or the spec changes.")
    private String failedCommit;

    @JsonPropertyDescription("The metadata.generation of the spec the failed deploy was for.")
    private Long failedGeneration;

    @JsonPropertyDescription("The reason of the CodeDeployed condition: Deployed, Deploying, RefNotFound,"
            + " RepositoryUnreachable, CheckoutFailed, SecretNotAllowed, SiteBusy.")
    private String reason;

    @JsonPropertyDescription("What happened, in words (the CodeDeployed condition's message).")
    private String message;

    public CodeStatus copy() {
        CodeStatus c = new CodeStatus();
        c.commit = commit;
        c.ref = ref;
        c.deployTime = deployTime;
        c.previousCommit = previousCommit;
        c.source = source;
        c.phase = phase;
        c.stepTime = stepTime;
        c.target = target;
        c.targetRef = targetRef;
        c.deployments = deployments;
        c.failedCommit = failedCommit;
        c.failedGeneration = failedGeneration;
        c.reason = reason;
        c.message = message;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeStatus c && Objects.equals(commit, c.commit) && Objects.equals(ref, c.ref)
                && Objects.equals(deployTime, c.deployTime) && Objects.equals(previousCommit, c.previousCommit) && Objects.equals(source, c.source)
                && Objects.equals(phase, c.phase) && Objects.equals(stepTime, c.stepTime)
                && Objects.equals(target, c.target) && Objects.equals(targetRef, c.targetRef)
                && Objects.equals(deployments, c.deployments) && Objects.equals(failedCommit, c.failedCommit)
                && Objects.equals(failedGeneration, c.failedGeneration) && Objects.equals(reason, c.reason)
                && Objects.equals(message, c.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(commit, ref, deployTime, previousCommit, source, phase, stepTime, target, targetRef, deployments,
                failedCommit, failedGeneration, reason, message);
    }

    // --- accessors ---

    public String getCommit() {
        return commit;
    }

    public void setCommit(String commit) {
        this.commit = commit;
    }

    public String getRef() {
        return ref;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }

    public String getDeployTime() {
        return deployTime;
    }

    public void setDeployTime(String deployTime) {
        this.deployTime = deployTime;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getPreviousCommit() {
        return previousCommit;
    }

    public void setPreviousCommit(String previousCommit) {
        this.previousCommit = previousCommit;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getStepTime() {
        return stepTime;
    }

    public void setStepTime(String stepTime) {
        this.stepTime = stepTime;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getTargetRef() {
        return targetRef;
    }

    public void setTargetRef(String targetRef) {
        this.targetRef = targetRef;
    }

    public Long getDeployments() {
        return deployments;
    }

    public void setDeployments(Long deployments) {
        this.deployments = deployments;
    }

    public String getFailedCommit() {
        return failedCommit;
    }

    public void setFailedCommit(String failedCommit) {
        this.failedCommit = failedCommit;
    }

    public Long getFailedGeneration() {
        return failedGeneration;
    }

    public void setFailedGeneration(Long failedGeneration) {
        this.failedGeneration = failedGeneration;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
