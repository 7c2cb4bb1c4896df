package io.wpoven.operator.backup;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.api.v1alpha1.BackupSpec.ArtifactPolicy;
import io.wpoven.operator.api.v1alpha1.BackupStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.backup.condition.OnDemand;
import io.wpoven.operator.backup.condition.Scheduled;
import io.wpoven.operator.backup.dependent.BackupCronJobDependent;
import io.wpoven.operator.backup.dependent.BackupJobDependent;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.site.WordPressSiteReconciler;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.CredentialSecrets;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * Runs a Backup as a Job (once) or a CronJob (scheduled) of the operator's tool and reads every run back
 * into status: the Jobs, found by label whether the Backup or its CronJob made them, and the tool's result
 * in each finished pod's termination message.
 */
@ControllerConfiguration(name = BackupReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
// invoked from reconcile(): a Backup naming credentials it may not use makes no Job
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "job", type = BackupJobDependent.class, reconcilePrecondition = OnDemand.class,
                useEventSourceWithName = BackupReconciler.JOBS),
        @Dependent(name = "cronjob", type = BackupCronJobDependent.class, reconcilePrecondition = Scheduled.class),
})
public class BackupReconciler implements Reconciler<Backup>, Cleaner<Backup> {
    public static final String NAME = "backup";
    static final String JOBS = "backup-jobs";
    static final String SITE_INDEX = "backup-site";

    @Inject
    OperatorConfig config;
    @Inject
    BackupMetrics metrics;

    private final BackupStatusBuilder statusBuilder = new BackupStatusBuilder(Clock.systemUTC());
    /** Tool results already read, per Job uid: a finished pod's termination message never changes. */
    private final Map<String, Optional<ToolResult>> results = new ConcurrentHashMap<>();

    @Override
    public List<EventSource<?, Backup>> prepareEventSources(io.javaoperatorsdk.operator.api.reconciler.EventSourceContext<Backup> context) {
        context.getPrimaryCache().addIndexer(SITE_INDEX, b -> List.of(siteKey(b.getMetadata().getNamespace(),
                b.getSpec().getSiteRef().getName())));
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Backup.class)
                .withNamespacesInheritedFromController()
                .withName(JOBS)
                .withLabelSelector(ToolPods.BACKUP_LABEL + "," + Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(job -> Set.of(new ResourceID(
                        job.getMetadata().getLabels().get(ToolPods.BACKUP_LABEL), job.getMetadata().getNamespace())))
                .build(), context);
        var sites = new InformerEventSource<>(InformerEventSourceConfiguration.from(WordPressSite.class, Backup.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(site -> context.getPrimaryCache()
                        .byIndex(SITE_INDEX, siteKey(site.getMetadata().getNamespace(), site.getMetadata().getName()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((Backup b) -> Set.of(new ResourceID(b.getSpec().getSiteRef().getName(),
                        b.getMetadata().getNamespace())))
                .build(), context);
        return List.of(jobs, sites);
    }

    /** Why the Backup may not write into its storage (a prefix overlapping an older Backup's), or null. */
    public static String overlap(Backup backup, Context<Backup> context) {
        return StorageOverlap.message(StorageOverlap.blocking(backup, context.getPrimaryCache().list().toList()));
    }

    private static String siteKey(String namespace, String name) {
        return namespace + "/" + name;
    }

    @Override
    public UpdateControl<Backup> reconcile(Backup backup, Context<Backup> context) {
        Optional<WordPressSite> site = context.getSecondaryResource(WordPressSite.class);
        Optional<String> refused = CredentialSecrets.refusal(context.getClient(), backup.getMetadata().getNamespace(),
                backup.getSpec().getStorage(), "spec.storage");
        if (refused.isEmpty() && site.isPresent()) {
            // its Jobs pull with the site's pull secrets
            refused = CredentialSecrets.pullSecretsRefusal(context.getClient(), site.get())
                    .map(m -> "site " + site.get().getMetadata().getName() + " " + m);
        }
        if (refused.isEmpty()) {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        List<Job> jobs = runs(backup, context);
        String problem = refused.orElse(site.isPresent() ? overlap(backup, context)
                : "WordPressSite " + backup.getSpec().getSiteRef().getName() + " not found in namespace "
                        + backup.getMetadata().getNamespace());
        BackupStatus status = statusBuilder.build(backup, jobs, job -> result(job, context), problem);
        BackupStatus previous = backup.getStatus();
        UpdateControl<Backup> control;
        if (status.equals(previous)) {
            control = UpdateControl.noUpdate();
        } else {
            recordEvents(backup, previous, status, context);
            backup.setStatus(status);
            control = UpdateControl.patchStatus(backup);
        }
        metrics.record(backup);
        // a Secret's labels change without an event for the Backup: look again soon once it may be usable
        return refused.isPresent() ? control.rescheduleAfter(REFUSED_RECHECK_SECONDS, TimeUnit.SECONDS) : control;
    }

    static final long REFUSED_RECHECK_SECONDS = 15;

    /** An unexpected error (API server refused a Job, …) is reported in Ready, not only retried. */
    @Override
    public ErrorStatusUpdateControl<Backup> updateErrorStatus(Backup backup, Context<Backup> context, Exception e) {
        String message = WordPressSiteReconciler.rootMessage(e);
        BackupStatus status = statusBuilder.build(backup, runs(backup, context), job -> Optional.empty(), message);
        if (status.equals(backup.getStatus())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        EventRecorder.warning(context.getClient(), backup, "ReconcileFailed", message);
        backup.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(backup);
    }

    private static List<Job> runs(Backup backup, Context<Backup> context) {
        return context.getSecondaryResources(Job.class).stream()
                .filter(j -> !Names.backupCleanup(backup).equals(j.getMetadata().getName()))
                .toList();
    }

    /** The tool's result of a finished Job, read once from its pod. */
    private Optional<ToolResult> result(Job job, Context<Backup> context) {
        if (!JobOutcome.of(job).finished()) {
            return Optional.empty();
        }
        String uid = job.getMetadata().getUid();
        Optional<ToolResult> known = results.get(uid);
        if (known != null) {
            return known;
        }
        Optional<ToolResult> read = ToolResult.forJob(context.getClient(), job);
        // a pod already gone (deleted with its finished Job) will not come back: the absence is remembered too
        results.put(uid, read);
        return read;
    }

    private static void recordEvents(Backup backup, BackupStatus previous, BackupStatus status, Context<Backup> context) {
        var client = context.getClient();
        String before = previous == null ? null : previous.getLastSuccessfulTime();
        if (status.getLastSuccessfulTime() != null && !status.getLastSuccessfulTime().equals(before)) {
            EventRecorder.normal(client, backup, "BackupSucceeded", message(status, BackupStatusBuilder.COMPLETE));
        }
        String failedBefore = previous == null ? null : previous.getLastFailureTime();
        if (status.getLastFailureTime() != null && !status.getLastFailureTime().equals(failedBefore)) {
            EventRecorder.warning(client, backup, "BackupFailed", message(status, BackupStatusBuilder.FAILED));
        }
        boolean couldRun = previous == null || !ConditionsBuilder.isFalse(previous.getConditions(), BackupStatusBuilder.READY);
        if (couldRun && ConditionsBuilder.isFalse(status.getConditions(), BackupStatusBuilder.READY)) {
            EventRecorder.warning(client, backup, "CannotRun", message(status, BackupStatusBuilder.READY));
        }
    }

    private static String message(BackupStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .map(c -> c.getMessage()).orElse(type);
    }

    /**
     * deletionPolicy Delete: a cleanup Job removes the artifacts before the Backup goes. If it fails the Backup
     * still goes (an Event says the artifacts stay), so a broken storage never pins a Backup forever.
     */
    @Override
    public DeleteControl cleanup(Backup backup, Context<Backup> context) {
        metrics.remove(backup);
        if (backup.getSpec().getDeletionPolicy() != ArtifactPolicy.Delete) {
            return DeleteControl.defaultDelete();
        }
        Optional<WordPressSite> site = context.getSecondaryResource(WordPressSite.class);
        Optional<Job> cleanup = context.getSecondaryResources(Job.class).stream()
                .filter(j -> Names.backupCleanup(backup).equals(j.getMetadata().getName())).findFirst();
        if (cleanup.isEmpty()) {
            Optional<String> refused = CredentialSecrets.refusal(context.getClient(), backup.getMetadata().getNamespace(),
                    backup.getSpec().getStorage(), "spec.storage");
            if (refused.isPresent()) {
                EventRecorder.warning(context.getClient(), backup, "ArtifactsKept", "Artifacts were not deleted: "
                        + refused.get());
                return DeleteControl.defaultDelete();
            }
            if (site.isEmpty()) {
                EventRecorder.warning(context.getClient(), backup, "ArtifactsKept",
                        "Artifacts were not deleted: the cleanup Job needs the site's labels and its site is gone");
                return DeleteControl.defaultDelete();
            }
            context.getClient().resource(new JobBuilder()
                    .withNewMetadata()
                    .withName(Names.backupCleanup(backup))
                    .withNamespace(backup.getMetadata().getNamespace())
                    .withLabels(Labels.of(site.get(), Component.TOOL))
                    .addToLabels(BackupJobs.labels(backup))
                    .endMetadata()
                    .withSpec(BackupJobs.cleanup(backup, site.get(), ToolJobSettings.of(config)))
                    .build()).create();
            EventRecorder.normal(context.getClient(), backup, "DeletingArtifacts", "Deleting the Backup's artifacts");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(5_000);
        }
        JobOutcome outcome = JobOutcome.of(cleanup.get());
        if (!outcome.finished()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(5_000);
        }
        if (outcome.state() == JobOutcome.State.FAILED) {
            String why = result(cleanup.get(), context).map(ToolResult::error).orElse(outcome.reason());
            EventRecorder.warning(context.getClient(), backup, "ArtifactsKept", "Deleting the artifacts failed: " + why);
        }
        context.getClient().resource(cleanup.get()).withPropagationPolicy(
                io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        return DeleteControl.defaultDelete();
    }
}
