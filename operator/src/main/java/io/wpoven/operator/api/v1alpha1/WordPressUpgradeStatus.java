package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One change of a site's WordPress image: checked, and when its core needs it, the database upgraded behind a backup. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WordPressUpgradeStatus {

    @JsonPropertyDescription("The image changed to.")
    private String image;

    @JsonPropertyDescription("Checking, Quiescing, BackingUp, Upgrading or Releasing while it runs; Succeeded or Failed at the end (the pods keep the previous image after a failure).")
    private String phase;

    @JsonPropertyDescription("Why it is in this phase or how it ended, in one word.")
    private String reason;

    @JsonPropertyDescription("What happened, in words.")
    private String message;

    @JsonPropertyDescription("When the current step began (a step that takes too long fails the change).")
    private String stepTime;

    @JsonPropertyDescription("When the change began.")
    private String startTime;

    @JsonPropertyDescription("When it ended.")
    private String completionTime;

    @JsonPropertyDescription("PHP version of the new image.")
    private String phpVersion;

    @JsonPropertyDescription("PHP release of the new image.")
    private String phpRelease;

    @JsonPropertyDescription("WordPress core version of the new image.")
    private String coreVersion;

    @JsonPropertyDescription("The schema version the new core needs ($wp_db_version).")
    private Long imageDbVersion;

    @JsonPropertyDescription("The database's schema version before the change.")
    private Long dbVersionBefore;

    @JsonPropertyDescription("The database's schema version after the upgrade (equals imageDbVersion).")
    private Long dbVersionAfter;

    @JsonPropertyDescription("The Backup taken before the database was upgraded (its artifact holds the database as it was).")
    private String backup;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
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

    public String getStepTime() {
        return stepTime;
    }

    public void setStepTime(String stepTime) {
        this.stepTime = stepTime;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public String getPhpVersion() {
        return phpVersion;
    }

    public void setPhpVersion(String phpVersion) {
        this.phpVersion = phpVersion;
    }

    public String getPhpRelease() {
        return phpRelease;
    }

    public void setPhpRelease(String phpRelease) {
        this.phpRelease = phpRelease;
    }

    public String getCoreVersion() {
        return coreVersion;
    }

    public void setCoreVersion(String coreVersion) {
        this.coreVersion = coreVersion;
    }

    public Long getImageDbVersion() {
        return imageDbVersion;
    }

    public void setImageDbVersion(Long imageDbVersion) {
        this.imageDbVersion = imageDbVersion;
    }

    public Long getDbVersionBefore() {
        return dbVersionBefore;
    }

    public void setDbVersionBefore(Long dbVersionBefore) {
        this.dbVersionBefore = dbVersionBefore;
    }

    public Long getDbVersionAfter() {
        return dbVersionAfter;
    }

    public void setDbVersionAfter(Long dbVersionAfter) {
        this.dbVersionAfter = dbVersionAfter;
    }

    public String getBackup() {
        return backup;
    }

    public void setBackup(String backup) {
        this.backup = backup;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WordPressUpgradeStatus s)) {
            return false;
        }
        return Objects.equals(image, s.image)
                && Objects.equals(phase, s.phase)
                && Objects.equals(reason, s.reason)
                && Objects.equals(message, s.message)
                && Objects.equals(stepTime, s.stepTime)
                && Objects.equals(startTime, s.startTime)
                && Objects.equals(completionTime, s.completionTime)
                && Objects.equals(phpVersion, s.phpVersion)
                && Objects.equals(phpRelease, s.phpRelease)
                && Objects.equals(coreVersion, s.coreVersion)
                && Objects.equals(imageDbVersion, s.imageDbVersion)
                && Objects.equals(dbVersionBefore, s.dbVersionBefore)
                && Objects.equals(dbVersionAfter, s.dbVersionAfter)
                && Objects.equals(backup, s.backup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, phase, reason, message, stepTime, startTime, completionTime, phpVersion, phpRelease, coreVersion, imageDbVersion, dbVersionBefore, dbVersionAfter, backup);
    }
}
