package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The site's code from outside wp-content's uploads: a theme or plugin deployed from Git (docs/git-deploy.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CodeSpec {
    @JsonPropertyDescription("Deploys a Git repository's commit to a folder of wp-content (a theme or a plugin), polled"
            + " every pollIntervalSeconds and switched atomically; absent: no Git deployment.")
    private GitCodeSpec git;

    // --- accessors ---

    public GitCodeSpec getGit() {
        return git;
    }

    public void setGit(GitCodeSpec git) {
        this.git = git;
    }
}
