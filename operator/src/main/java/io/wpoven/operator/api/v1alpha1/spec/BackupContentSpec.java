package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** The parts of a site a backup, restore or copy covers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.database) || self.database || !has(self.files) || self.files",
        message = "include must name at least one of database and files", fieldPath = ".database")
public class BackupContentSpec {
    @Default("true")
    @JsonPropertyDescription("The WordPress database (a logical SQL dump).")
    private Boolean database;

    @Default("true")
    @JsonPropertyDescription("The wp-content volume: uploads, plugins, themes.")
    private Boolean files;

    public BackupContentSpec() {
    }

    public BackupContentSpec(boolean database, boolean files) {
        this.database = database;
        this.files = files;
    }

    public boolean database() {
        return database == null || database;
    }

    public boolean files() {
        return files == null || files;
    }

    // --- accessors ---

    public Boolean getDatabase() {
        return database;
    }

    public void setDatabase(Boolean database) {
        this.database = database;
    }

    public Boolean getFiles() {
        return files;
    }

    public void setFiles(Boolean files) {
        this.files = files;
    }
}
