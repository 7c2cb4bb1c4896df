package io.wpoven.operator.code;

import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.GitCodeSpec;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** The Job of one Git deploy: the tool's code-deploy on the site's wp-content claim. A pure builder. */
public final class CodeJobs {
    private CodeJobs() {
    }

    /** The Job's own limit: a clone of a large repository on a slow link is cut off here. */
    static final long TIMEOUT_SECONDS = 600;
    /** A finished deploy Job is kept this long for its log, then deleted by Kubernetes. */
    static final int KEEP_FINISHED_SECONDS = 3600;
    public static final String COMMIT_ANNOTATION = "wpoven.io/commit";

    static Job deploy(WordPressSite site, GitCodeSpec git, String commit, long deployment, ToolJobSettings tool) {
        ToolPods.Builder pod = ToolPods.builder(tool, ToolPods.Command.CODE_DEPLOY, site,
                Map.of(Labels.CODE_DEPLOY, site.getMetadata().getName()))
                .files("FILES_DIR", site, false)
                .env("GIT_REPOSITORY", git.getRepository())
                .env("GIT_COMMIT", commit)
                .env("CODE_PATH", git.getPath())
                .env("KEEP_RELEASES", String.valueOf(git.getKeepReleases() == null ? 3 : git.getKeepReleases()))
                .env("GIT_TIMEOUT_SECONDS", String.valueOf(TIMEOUT_SECONDS / 2));
        if (git.getSubPath() != null) {
            pod.env("GIT_SUBPATH", git.getSubPath());
        }
        if (git.getCredentialsSecret() != null) {
            // by reference: the values never appear in the Job, its argv or its log
            pod.envFromOptionalSecret("GIT_USERNAME", git.getCredentialsSecret().getName(), CodeDeploys.USERNAME_KEY)
                    .envFromOptionalSecret("GIT_PASSWORD", git.getCredentialsSecret().getName(), CodeDeploys.PASSWORD_KEY);
        }
        Job job = new JobBuilder().withNewMetadata().withName(Names.codeJob(site, commit, deployment))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.TOOL)).addToLabels(Labels.CODE_DEPLOY, site.getMetadata().getName())
                .addToAnnotations(COMMIT_ANNOTATION, commit)
                .endMetadata()
                .withSpec(pod.jobSpec(TIMEOUT_SECONDS)).build();
        job.getSpec().setTtlSecondsAfterFinished(KEEP_FINISHED_SECONDS);
        job.addOwnerReference(site);
        return job;
    }
}
