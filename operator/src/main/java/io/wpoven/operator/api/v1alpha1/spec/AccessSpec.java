package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

/** Who may see the site (for staging copies and sites not yet launched) and who may log in to it over SSH. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessSpec {
    @Default("false")
    @JsonPropertyDescription("HTTP basic auth in front of the whole site; the generated user and password are in the Secret <site>-basic-auth.")
    private Boolean basicAuth;

    @Default("false")
    @JsonPropertyDescription("Ask search engines not to index the site: every response carries X-Robots-Tag: noindex, nofollow.")
    private Boolean noindex;

    @Default("{}")
    @JsonPropertyDescription("SSH and SFTP into the site with public keys (docs/ssh.md).")
    private SshSpec ssh;

    /** Null-safe reads: a site built without the schema's defaults (tests, older objects) is open and indexed. */
    public static boolean basicAuthOn(AccessSpec access) {
        return access != null && Boolean.TRUE.equals(access.basicAuth);
    }

    public static boolean noindexOn(AccessSpec access) {
        return access != null && Boolean.TRUE.equals(access.noindex);
    }

    // --- accessors ---

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

    public SshSpec getSsh() {
        return ssh;
    }

    public void setSsh(SshSpec ssh) {
        this.ssh = ssh;
    }
}
