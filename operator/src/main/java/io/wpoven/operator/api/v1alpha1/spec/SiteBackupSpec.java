package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.wpoven.operator.api.v1alpha1.BackupSpec;

/** Automatic backups of the site: the operator keeps a Backup named <site>-backup with these settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SiteBackupSpec {
    @Required
    @Pattern(BackupSpec.CRON)
    @JsonPropertyDescription("Cron schedule, e.g. \"0 3 * * *\" or @daily.")
    private String schedule;

    @Default("false")
    @JsonPropertyDescription("Suspends the scheduled backups.")
    private Boolean suspend;

    @Default("{\"keepLast\":7}")
    @JsonPropertyDescription("How many artifacts to keep; the newest successful one is never deleted.")
    private RetentionSpec retention;

    @Required
    @JsonPropertyDescription("Where artifacts are written.")
    private BackupStorageSpec storage;

    @Default("{}")
    @JsonPropertyDescription("What each run includes.")
    private BackupContentSpec include;

    // --- accessors ---

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
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

    public BackupContentSpec getInclude() {
        return include;
    }

    public void setInclude(BackupContentSpec include) {
        this.include = include;
    }
}
