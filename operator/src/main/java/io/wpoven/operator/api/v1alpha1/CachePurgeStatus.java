package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The outcome of the last one-click cache purge (annotation wpoven.io/purge-cache). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CachePurgeStatus {

    @JsonPropertyDescription("The value of the wpoven.io/purge-cache annotation this outcome answers.")
    private String request;

    @JsonPropertyDescription("Succeeded or Failed.")
    private String outcome;

    @JsonPropertyDescription("What happened, e.g. why Varnish could not be reached.")
    private String message;

    @JsonPropertyDescription("When the purge ran.")
    private String time;

    public CachePurgeStatus() {
    }

    public CachePurgeStatus(String request, String outcome, String message, String time) {
        this.request = request;
        this.outcome = outcome;
        this.message = message;
        this.time = time;
    }

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

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachePurgeStatus c && Objects.equals(request, c.request) && Objects.equals(outcome, c.outcome)
                && Objects.equals(message, c.message) && Objects.equals(time, c.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, outcome, message, time);
    }
}
