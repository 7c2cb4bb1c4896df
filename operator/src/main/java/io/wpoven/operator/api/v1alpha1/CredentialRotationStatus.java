package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last credential rotation (annotation wpoven.io/rotate-credentials): its request, step and outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialRotationStatus {

    @JsonPropertyDescription("The value of the wpoven.io/rotate-credentials annotation this rotation answers.")
    private String request;

    @JsonPropertyDescription("Quiescing, Rotating or Swapping while it runs; Succeeded or Failed at the end.")
    private String outcome;

    @JsonPropertyDescription("What happened, in words.")
    private String message;

    @JsonPropertyDescription("When the current step began (a step that takes too long fails the rotation, site resumed).")
    private String stepTime;

    @JsonPropertyDescription("When the rotation finished.")
    private String completionTime;

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
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

    public CredentialRotationStatus copy() {
        CredentialRotationStatus c = new CredentialRotationStatus();
        c.request = request;
        c.outcome = outcome;
        c.message = message;
        c.stepTime = stepTime;
        c.completionTime = completionTime;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialRotationStatus s && Objects.equals(request, s.request)
                && Objects.equals(outcome, s.outcome) && Objects.equals(message, s.message)
                && Objects.equals(stepTime, s.stepTime) && Objects.equals(completionTime, s.completionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, outcome, message, stepTime, completionTime);
    }
}
