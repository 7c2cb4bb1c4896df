package io.wpoven.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.ImportSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;

/** Which artifact goes into which site. A Restore runs once; its spec cannot change after creation. */
@JsonClassDescription("Which artifact of which Backup goes into which site, or which site made elsewhere (a database"
        + " dump and a wp-content archive) is imported into it. A Restore runs once; its spec cannot change after creation.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a Restore runs once and cannot be changed: create a new Restore")
@ValidationRule(value = "has(self.backupRef) != has(self.importFrom)", fieldPath = ".importFrom",
        message = "set exactly one of backupRef (restore a Backup's artifact) and importFrom (import a site made elsewhere)")
@ValidationRule(value = "!has(self.importFrom) || has(self.targetSite)",
        message = "importFrom needs targetSite: the site to import into", fieldPath = ".targetSite")
@ValidationRule(value = "!has(self.importFrom) || !has(self.artifact)",
        message = "artifact names a Backup's artifact: it does not go with importFrom", fieldPath = ".artifact")
public class RestoreSpec {
    @JsonPropertyDescription("The Backup (same namespace) whose storage holds the artifact.")
    private BackupRefSpec backupRef;

    @JsonPropertyDescription("Import a site made elsewhere instead: a standard mysqldump file and/or a wp-content archive,"
            + " its old address rewritten to the target site's. Needs targetSite. The safety backup goes to the target"
            + " site's automatic Backup (spec.backup); a site without one needs safetyBackup: false.")
    private ImportSpec importFrom;

    @Pattern("^[A-Za-z0-9._-]{1,200}$")
    @JsonPropertyDescription("Artifact to restore (see the Backup's status.artifacts). Default: the Backup's latest complete artifact.")
    private String artifact;

    @JsonPropertyDescription("Site to restore into. Default: the Backup's own site. Another existing site is a clone: its URLs"
            + " are rewritten from the source site's to its own, safely for serialized PHP data.")
    private SiteRefSpec targetSite;

    @Default("{}")
    @JsonPropertyDescription("What to restore; parts the artifact lacks are skipped.")
    private BackupContentSpec include;

    @Default("true")
    @JsonPropertyDescription("Back up the target site first (artifact <restore name>-safety in the Backup's storage; for an"
            + " import, in the storage of the target site's automatic Backup), so the restore can be undone.")
    private Boolean safetyBackup;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class BackupRefSpec {
        @Required
        @Size(max = 253)
        @Pattern(WordPressSiteSpec.DNS_NAME)
        @JsonPropertyDescription("Name of the Backup.")
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    // --- accessors ---

    public BackupRefSpec getBackupRef() {
        return backupRef;
    }

    public void setBackupRef(BackupRefSpec backupRef) {
        this.backupRef = backupRef;
    }

    public ImportSpec getImportFrom() {
        return importFrom;
    }

    public void setImportFrom(ImportSpec importFrom) {
        this.importFrom = importFrom;
    }

    public String getArtifact() {
        return artifact;
    }

    public void setArtifact(String artifact) {
        this.artifact = artifact;
    }

    public SiteRefSpec getTargetSite() {
        return targetSite;
    }

    public void setTargetSite(SiteRefSpec targetSite) {
        this.targetSite = targetSite;
    }

    public BackupContentSpec getInclude() {
        return include;
    }

    public void setInclude(BackupContentSpec include) {
        this.include = include;
    }

    public Boolean getSafetyBackup() {
        return safetyBackup;
    }

    public void setSafetyBackup(Boolean safetyBackup) {
        this.safetyBackup = safetyBackup;
    }
}
