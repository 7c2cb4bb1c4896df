package io.wpoven.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;

/** The live site to copy, the staging domain and footprint, and declarative push / refresh requests. */
@JsonClassDescription("The live site to copy, the staging domain, and the push and refresh requests.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.siteRef.name == oldSelf.siteRef.name", message = "siteRef.name cannot be changed: create a new Staging",
        fieldPath = ".siteRef.name")
@ValidationRule(value = "self.domain == oldSelf.domain", message = "domain cannot be changed: its URLs are written into the staging database",
        fieldPath = ".domain")
public class StagingSpec {
    @Required
    @JsonPropertyDescription("The live WordPressSite (same namespace) this staging copies and pushes to.")
    private SiteRefSpec siteRef;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(WordPressSiteSpec.DNS_NAME)
    @ValidationRule(value = WordPressSiteSpec.NOT_AN_IP_ADDRESS,
            message = "the domain must be a host name, not an IP address: its last label cannot be a number")
    @JsonPropertyDescription("Host name of the staging site, e.g. staging.blog.example.com. Immutable.")
    private String domain;

    @Default("1")
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("WordPress pods of the staging site. No autoscaler runs for a staging site.")
    private Integer replicas;

    @Default("{}")
    @JsonPropertyDescription("What is copied from live when the staging site is created.")
    private BackupContentSpec copy;

    @Default("true")
    @JsonPropertyDescription("Protect the staging site with HTTP basic auth; the user and password are in the Secret <staging>-site-basic-auth.")
    private Boolean basicAuth;

    @Default("true")
    @JsonPropertyDescription("Tell search engines not to index the staging site (X-Robots-Tag: noindex, nofollow).")
    private Boolean noindex;

    @JsonPropertyDescription("Where the checkpoint backups taken before each push and refresh go. Default: the live site's spec.backup.storage.")
    private BackupStorageSpec checkpointStorage;

    @JsonPropertyDescription("Push staging to live: set a new id to run it once. Live is backed up first and restored if the push fails.")
    private SyncRequest push;

    @JsonPropertyDescription("Refresh staging from live: set a new id to run it once. Staging is backed up first.")
    private SyncRequest pull;

    /** One push or pull, run once per id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SyncRequest {
        @Required
        @Pattern("^[A-Za-z0-9][-A-Za-z0-9_.]{0,62}$")
        @JsonPropertyDescription("Request id; a new value runs the request once. Status records the last id handled.")
        private String id;

        @Default("{}")
        @JsonPropertyDescription("Database and/or files.")
        private BackupContentSpec include;

        @Size(max = 200)
        @JsonPropertyDescription("Only these database tables (full names, e.g. wp_posts, wp_postmeta). Empty: every table.")
        private List<@Pattern("^[A-Za-z0-9_$]{1,64}$") String> tables;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public BackupContentSpec getInclude() {
            return include;
        }

        public void setInclude(BackupContentSpec include) {
            this.include = include;
        }

        public List<String> getTables() {
            return tables;
        }

        public void setTables(List<String> tables) {
            this.tables = tables;
        }
    }

    // --- accessors ---

    public SiteRefSpec getSiteRef() {
        return siteRef;
    }

    public void setSiteRef(SiteRefSpec siteRef) {
        this.siteRef = siteRef;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public BackupContentSpec getCopy() {
        return copy;
    }

    public void setCopy(BackupContentSpec copy) {
        this.copy = copy;
    }

    public Boolean getBasicAuth() {
        return basicAuth;
    }

    public void setBasicAuth(Boolean basicAuth) {
        this.basicAuth = basicAuth;
    }

    public Boolean getNoindex() {
        return noindex;
    }

    public void setNoindex(Boolean noindex) {
        this.noindex = noindex;
    }

    public BackupStorageSpec getCheckpointStorage() {
        return checkpointStorage;
    }

    public void setCheckpointStorage(BackupStorageSpec checkpointStorage) {
        this.checkpointStorage = checkpointStorage;
    }

    public SyncRequest getPush() {
        return push;
    }

    public void setPush(SyncRequest push) {
        this.push = push;
    }

    public SyncRequest getPull() {
        return pull;
    }

    public void setPull(SyncRequest pull) {
        this.pull = pull;
    }
}
