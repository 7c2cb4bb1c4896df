package io.wpoven.operator.staging;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolPods.Command;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/**
 * Copies between a live site and its staging site: the tool's clone (live → staging: create and refresh) and
 * push (staging → live), database tables swapped in atomically on the target, URLs rewritten from the source's
 * address to the target's, wp-content mirrored.
 */
final class StagingJobs {
    private StagingJobs() {
    }

    static final String STAGING_LABEL = "wpoven.io/staging";
    static final long TIMEOUT_SECONDS = 3600;

    /** The first copy (clone): no request label. */
    static Job copy(String name, Staging staging, Command command, WordPressSite source, WordPressSite target,
            BackupContentSpec include, List<String> tables, ToolJobSettings tool) {
        return copy(name, null, staging, command, source, target, include, tables, tool);
    }

    /** A push's or pull's copy, labelled with its request (see {@link SyncRequests}). */
    static Job copy(String name, String request, Staging staging, Command command, WordPressSite source, WordPressSite target,
            BackupContentSpec include, List<String> tables, ToolJobSettings tool) {
        ToolPods.Builder pod = ToolPods.builder(tool, command, target, Map.of(STAGING_LABEL, staging.getMetadata().getName()))
                .include(include)
                .env("FROM_URL", ToolPods.siteAddress(source))
                .env("TO_URL", ToolPods.siteAddress(target))
                .objectCache(target);
        if (include.database()) {
            pod.database("SOURCE_", source).database("TARGET_", target);
            if (tables != null && !tables.isEmpty()) {
                pod.env("TABLES", String.join(",", tables));
            }
        }
        if (include.files()) {
            pod.files("SOURCE_FILES_DIR", source, true).files("TARGET_FILES_DIR", target, false);
        }
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(staging.getMetadata().getNamespace())
                .withLabels(Labels.of(target, Component.TOOL))
                .addToLabels(STAGING_LABEL, staging.getMetadata().getName())
                .endMetadata()
                .withSpec(pod.jobSpec(TIMEOUT_SECONDS))
                .build();
        if (request != null) {
            job.getMetadata().getLabels().put(Labels.REQUEST, request);
        }
        job.addOwnerReference(staging);
        return job;
    }
}
