package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One Git repository deployed to one folder of wp-content. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitCodeSpec {
    /** The folders a deployment may own: one theme, plugin or must-use plugin; never uploads or wp-content itself. */
    public static final String PATH = "^(themes|plugins|mu-plugins)/[A-Za-z0-9][A-Za-z0-9._-]*$";

    @Required
    @Size(max = 2048)
    @ValidationRule(value = "self.matches('^(https|git)://[A-Za-z0-9.-]+(:[0-9]+)?/[^\\\\s]*$')",
            message = "spec.code.git.repository must be an https:// or git:// URL without credentials in it"
                    + " (use credentialsSecret); ssh is not supported yet")
    @JsonPropertyDescription("The repository: an https:// or git:// URL, e.g. https://github.com/acme/theme.git."
            + " No user or password in it: a private repository's credentials come from credentialsSecret.")
    private String repository;

    @Size(min = 1, max = 255)
    @Pattern("^[A-Za-z0-9][A-Za-z0-9._/-]*$")
    @ValidationRule(value = "!self.contains('..')", message = "spec.code.git.ref must not contain '..'")
    @JsonPropertyDescription("Branch, tag or full commit id (40 hex) to deploy; a branch or tag is followed as it"
            + " moves. Default: the repository's default branch (its HEAD). Set an older tag or commit to roll back.")
    private String ref;

    @Required
    @Pattern(PATH)
    @JsonPropertyDescription("Where the checkout is served, relative to wp-content: themes/<name>, plugins/<name> or"
            + " mu-plugins/<name>. The operator makes it a symlink into its releases; a folder already there that the"
            + " operator did not make is never replaced (the deploy fails and says so).")
    private String path;

    @Size(min = 1, max = 1024)
    @Pattern("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
    @ValidationRule(value = "!self.matches('(^|/)[.][.]?(/|$)')",
            message = "spec.code.git.subPath must be a relative path without '.' or '..' parts")
    @JsonPropertyDescription("The folder inside the repository to serve at path, e.g. wp-content/themes/acme."
            + " Default: the repository's root.")
    private String subPath;

    @JsonPropertyDescription("A Secret in the site's namespace, labelled wpoven.io/credentials=git, with the keys"
            + " username and password (a token) for an https repository. Absent: a public repository.")
    private SecretRef credentialsSecret;

    @Min(10)
    @Max(86400)
    @Default("60")
    @JsonPropertyDescription("How often the operator asks the repository what ref points at (seconds, at least 10).")
    private Integer pollIntervalSeconds;

    @Min(1)
    @Max(20)
    @Default("3")
    @JsonPropertyDescription("Releases kept in wp-content/.wpoven/releases besides the one serving and the one before"
            + " it, so a rollback to a recent commit needs no fetch.")
    private Integer keepReleases;

    // --- accessors ---

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getRef() {
        return ref;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getSubPath() {
        return subPath;
    }

    public void setSubPath(String subPath) {
        this.subPath = subPath;
    }

    public SecretRef getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(SecretRef credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }

    public Integer getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public void setPollIntervalSeconds(Integer pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    public Integer getKeepReleases() {
        return keepReleases;
    }

    public void setKeepReleases(Integer keepReleases) {
        this.keepReleases = keepReleases;
    }

    /** A Secret by name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SecretRef {
        @Required
        @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
        @JsonPropertyDescription("The Secret's name.")
        private String name;

        public SecretRef() {
        }

        public SecretRef(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
