package io.wpoven.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.RetentionSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;

/** What to back up, when, where to, and for how long to keep it. */
@JsonClassDescription("What to back up (siteRef, include), where to (storage), when (schedule, absent: once now) and"
        + " how many to keep (retention).")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.siteRef.name == oldSelf.siteRef.name", message = "siteRef.name cannot be changed: create a new Backup for another site",
        fieldPath = ".siteRef.name")
@ValidationRule(value = "has(self.schedule) == has(oldSelf.schedule)",
        message = "schedule cannot be added to or removed from an existing Backup: a one-off and a scheduled Backup are different objects",
        fieldPath = ".schedule")
@ValidationRule(value = "!has(self.timeZone) || has(self.schedule)", message = "timeZone needs a schedule",
        fieldPath = ".timeZone")
public class BackupSpec {
    /** Five cron fields, or a macro such as @daily; the API server's CronJob validation checks the rest. */
    public static final String CRON = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)$";

    @Required
    @JsonPropertyDescription("The WordPressSite (same namespace) to back up.")
    private SiteRefSpec siteRef;

    @Pattern(CRON)
    @JsonPropertyDescription("Cron schedule (e.g. \"0 3 * * *\" or @daily), in timeZone. Absent: one backup, run once now.")
    private String schedule;

    @Pattern("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$")
    @JsonPropertyDescription("IANA time zone of the schedule, e.g. Europe/Paris or Etc/UTC (the CronJob's timeZone)."
            + " Absent: the kube-controller-manager's time zone.")
    private String timeZone;

    @Default("false")
    @JsonPropertyDescription("Suspends a scheduled backup; runs already started finish.")
    private Boolean suspend;

    @Default("{}")
    @JsonPropertyDescription("What each run includes.")
    private BackupContentSpec include;

    @Default("{}")
    @JsonPropertyDescription("How many artifacts to keep. The newest successful artifact is never deleted.")
    private RetentionSpec retention;

    @Required
    @JsonPropertyDescription("Where artifacts are written: a PersistentVolumeClaim or an S3-compatible bucket.")
    private BackupStorageSpec storage;

    @Default("gzip")
    @JsonPropertyDescription("Compression of the database dump and the wp-content archive: gzip or none.")
    private Compression compression;

    @Default("3600")
    @Min(10)
    @Max(86400)
    @JsonPropertyDescription("A run that takes longer than this many seconds is stopped and reported as failed (DeadlineExceeded).")
    private Long timeoutSeconds;

    @Default("Retain")
    @JsonPropertyDescription("What happens to the artifacts when this Backup is deleted: Retain keeps them, Delete removes them"
            + " (a cleanup Job runs before the Backup goes away).")
    private ArtifactPolicy deletionPolicy;

    public enum Compression {
        gzip, none
    }

    public enum ArtifactPolicy {
        Retain, Delete
    }

    // --- accessors ---

    public SiteRefSpec getSiteRef() {
        return siteRef;
    }

    public void setSiteRef(SiteRefSpec siteRef) {
        this.siteRef = siteRef;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public BackupContentSpec getInclude() {
        return include;
    }

    public void setInclude(BackupContentSpec include) {
        this.include = include;
    }

    public RetentionSpec getRetention() {
        return retention;
    }

    public void setRetention(RetentionSpec retention) {
        this.retention = retention;
    }

    public BackupStorageSpec getStorage() {
        return storage;
    }

    public void setStorage(BackupStorageSpec storage) {
        this.storage = storage;
    }

    public Compression getCompression() {
        return compression;
    }

    public void setCompression(Compression compression) {
        this.compression = compression;
    }

    public Long getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public ArtifactPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(ArtifactPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
