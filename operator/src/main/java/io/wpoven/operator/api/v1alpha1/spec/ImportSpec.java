package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A site made elsewhere: a standard database dump and an archive of its wp-content, in a folder of a volume or bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.database) || has(self.content)",
        message = "importFrom needs database, content or both", fieldPath = ".database")
@ValidationRule(value = "has(self.storage.prefix)", message = "importFrom.storage.prefix: the folder (PVC) or key prefix (S3)"
        + " that holds the files is required", fieldPath = ".storage")
public class ImportSpec {
    /** A file name in the import folder. */
    static final String FILE = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    @Required
    @JsonPropertyDescription("Where the files are: a PersistentVolumeClaim in the Restore's namespace or an S3 bucket"
            + " (credentials Secrets labelled wpoven.io/credentials: s3), with prefix the folder (PVC) or key prefix (S3)"
            + " that holds them.")
    private BackupStorageSpec storage;

    @Size(max = 253)
    @Pattern(FILE)
    @JsonPropertyDescription("The database dump in that folder: a standard mysqldump or mariadb-dump file, .sql or"
            + " .sql.gz (binary columns need --hex-blob). The site's database then holds exactly the dump's tables.")
    private String database;

    @Size(max = 253)
    @Pattern(FILE)
    @JsonPropertyDescription("An archive of the site's wp-content in that folder (.tar, .tar.gz): its entries, or the"
            + " entries of its one top-level wp-content folder, replace the site's wp-content.")
    private String content;

    @Size(max = 2048)
    @Pattern("^(https?://)?[^\\s/?#]+(/[^\\s?#]*)?$")
    @JsonPropertyDescription("The address the site had, e.g. https://old.example.com or old.example.com: its http:// and"
            + " https:// links are rewritten to the target site's address everywhere in the database, safely for"
            + " serialized PHP data. Unset: nothing is rewritten.")
    private String siteUrl;

    public BackupStorageSpec getStorage() {
        return storage;
    }

    public void setStorage(BackupStorageSpec storage) {
        this.storage = storage;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public String getSiteUrl() {
        return siteUrl;
    }

    public void setSiteUrl(String siteUrl) {
        this.siteUrl = siteUrl;
    }
}
