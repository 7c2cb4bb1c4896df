package io.wpoven.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

@JsonClassDescription("Observed state written by the operator: conditions and the outcome of the last push and"
        + " refresh.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StagingStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready (the staging site serves a copy of live), Cloned, Syncing.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The staging WordPressSite.")
    private String site;

    @JsonPropertyDescription("The staging site's URL.")
    private String url;

    @JsonPropertyDescription("The last push request handled.")
    private SyncStatus lastPush;

    @JsonPropertyDescription("The last refresh-from-live request handled.")
    private SyncStatus lastPull;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SyncStatus {
        @JsonPropertyDescription("The request id.")
        private String id;

        @JsonPropertyDescription("The identity of this request (label wpoven.io/request on its Job, checkpoint and rollback).")
        private String request;

        @JsonPropertyDescription("Checkpoint, Quiescing, Copying, Resuming (the target answering its cache purge and serving again) or RollingBack"
                + " while running; Succeeded, Failed or RolledBack at the end.")
        private String outcome;

        @JsonPropertyDescription("What happened, in words.")
        private String message;

        @JsonPropertyDescription("The checkpoint artifact taken first (restore it to undo).")
        private String checkpoint;

        @JsonPropertyDescription("When the request finished.")
        private String completionTime;

        @JsonPropertyDescription("When the current step (outcome) began: a step that takes too long ends the request as"
                + " Failed, the target resumed.")
        private String stepTime;

        public String getStepTime() {
            return stepTime;
        }

        public void setStepTime(String stepTime) {
            this.stepTime = stepTime;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
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

        public String getCheckpoint() {
            return checkpoint;
        }

        public void setCheckpoint(String checkpoint) {
            this.checkpoint = checkpoint;
        }

        public String getCompletionTime() {
            return completionTime;
        }

        public void setCompletionTime(String completionTime) {
            this.completionTime = completionTime;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SyncStatus s && Objects.equals(id, s.id) && Objects.equals(request, s.request) && Objects.equals(outcome, s.outcome)
                    && Objects.equals(message, s.message) && Objects.equals(checkpoint, s.checkpoint)
                    && Objects.equals(completionTime, s.completionTime) && Objects.equals(stepTime, s.stepTime);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, outcome);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StagingStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(conditions, s.conditions) && Objects.equals(site, s.site) && Objects.equals(url, s.url)
                && Objects.equals(lastPush, s.lastPush) && Objects.equals(lastPull, s.lastPull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, site, url);
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

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public SyncStatus getLastPush() {
        return lastPush;
    }

    public void setLastPush(SyncStatus lastPush) {
        this.lastPush = lastPush;
    }

    public SyncStatus getLastPull() {
        return lastPull;
    }

    public void setLastPull(SyncStatus lastPull) {
        this.lastPull = lastPull;
    }
}
