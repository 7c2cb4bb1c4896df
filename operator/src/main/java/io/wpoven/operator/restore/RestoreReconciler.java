package io.wpoven.operator.restore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.RestoreStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.site.CachePurgeRequests;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.QuiesceControl;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.CredentialSecrets;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * One-click restore, a one-shot procedure: safety backup of the target → quiesce the target (no WordPress
 * pods) → restore Job (the tool verifies the whole artifact before it touches anything) → resume the site and
 * purge its caches. Each step is one reconcile that starts something and returns; Job events and short
 * reschedules bring it back. The phase and one condition per step are in status; a failure at any step
 * resumes the site and ends the Restore as Failed with the reason.
 */
@ControllerConfiguration(name = RestoreReconciler.NAME)
public class RestoreReconciler implements Reconciler<Restore>, Cleaner<Restore> {
    public static final String NAME = "restore";

    public static final String PENDING = "Pending";
    public static final String SAFETY_BACKUP = "SafetyBackup";
    public static final String QUIESCING = "Quiescing";
    public static final String RESTORING = "Restoring";
    public static final String RESUMING = "Resuming";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    public static final String COND_SAFETY = "SafetyBackupComplete";
    public static final String COND_QUIESCED = "SiteQuiesced";
    public static final String COND_RESTORED = "Restored";
    public static final String COND_PURGED = "CachePurged";
    public static final String COND_COMPLETE = "Complete";
    public static final String COND_FAILED = "Failed";

    /** How long to wait for the site to answer the cache purge before calling the restore done anyway. */
    static final long PURGE_WAIT_SECONDS = 120;

    @Inject
    OperatorConfig config;

    private final Clock clock = Clock.systemUTC();

    @Override
    public List<EventSource<?, Restore>> prepareEventSources(EventSourceContext<Restore> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Restore.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(RestoreJobs.RESTORE_LABEL + "," + Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Restore.class, false))
                .build(), context));
    }

    @Override
    public UpdateControl<Restore> reconcile(Restore restore, Context<Restore> context) {
        RestoreStatus previous = restore.getStatus() == null ? new RestoreStatus() : restore.getStatus();
        if (SUCCEEDED.equals(previous.getPhase()) || FAILED.equals(previous.getPhase())) {
            return UpdateControl.noUpdate();
        }
        Step step = new Step(restore, context, copy(previous));
        long again = step.run();
        RestoreStatus status = step.status;
        UpdateControl<Restore> control;
        if (status.equals(restore.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            restore.setStatus(status);
            control = UpdateControl.patchStatus(restore);
        }
        return again > 0 ? control.rescheduleAfter(again, TimeUnit.SECONDS) : control;
    }

    /** One pass of the procedure; returns seconds until the next look, 0 when events will bring it back. */
    private final class Step {
        final Restore restore;
        final Context<Restore> context;
        final RestoreStatus status;
        final String ns;

        Step(Restore restore, Context<Restore> context, RestoreStatus status) {
            this.restore = restore;
            this.context = context;
            this.status = status;
            this.ns = restore.getMetadata().getNamespace();
        }

        long run() {
            Backup backup = context.getClient().resources(Backup.class).inNamespace(ns)
                    .withName(restore.getSpec().getBackupRef().getName()).get();
            if (backup == null) {
                return waiting("BackupNotFound", "Backup " + restore.getSpec().getBackupRef().getName() + " not found");
            }
            String phase = status.getPhase() == null ? PENDING : status.getPhase();
            if (PENDING.equals(phase)) {
                return start(backup);
            }
            WordPressSite target = site(status.getTargetSite());
            if (target == null) {
                return fail("SiteNotFound", "The target site " + status.getTargetSite() + " was deleted during the restore");
            }
            return switch (phase) {
                case SAFETY_BACKUP -> safetyBackup(backup, target);
                case QUIESCING -> quiesce(target);
                case RESTORING -> restoreData(backup, target);
                case RESUMING -> resume(target);
                default -> 0;
            };
        }

        long start(Backup backup) {
            String artifact = Optional.ofNullable(restore.getSpec().getArtifact()).orElseGet(() ->
                    backup.getStatus() == null || backup.getStatus().getLatestArtifact() == null ? null
                            : backup.getStatus().getLatestArtifact().getName());
            if (artifact == null) {
                return waiting("NoArtifact", "Backup " + backup.getMetadata().getName() + " has no complete artifact yet");
            }
            String targetName = restore.getSpec().getTargetSite() != null ? restore.getSpec().getTargetSite().getName()
                    : backup.getSpec().getSiteRef().getName();
            WordPressSite target = site(targetName);
            if (target == null) {
                return waiting("SiteNotFound", "WordPressSite " + targetName + " not found");
            }
            String sourceName = backup.getSpec().getSiteRef().getName();
            if (!sourceName.equals(targetName) && site(sourceName) == null) {
                return fail("SourceSiteUnknown", "Restoring into another site rewrites the source site's URLs, but the"
                        + " Backup's site " + sourceName + " no longer exists to tell its address");
            }
            Optional<String> refused = CredentialSecrets.refusal(context.getClient(), ns, backup.getSpec().getStorage(),
                    "Backup " + backup.getMetadata().getName() + " spec.storage");
            if (refused.isPresent()) {
                return fail(CredentialSecrets.REASON, refused.get() + "; the site was not touched");
            }
            if (RestoreJobs.parts(restore, backup, artifact).nothing()) {
                return fail("NothingToRestore", "Artifact " + artifact + " holds none of the parts spec.include asks for"
                        + " (database: " + include().database() + ", files: " + include().files() + "); the site was not touched");
            }
            if (Quiesce.by(target).filter(by -> !by.equals(owner())).isPresent()) {
                return waiting("SiteBusy", "Site " + targetName + " is quiesced by " + Quiesce.by(target).get());
            }
            status.setArtifact(artifact);
            status.setTargetSite(targetName);
            status.setStartTime(now());
            status.getConditions().removeIf(c -> "Progressing".equals(c.getType()));
            EventRecorder.normal(context.getClient(), restore, "RestoreStarted",
                    "Restoring artifact " + artifact + " into site " + targetName);
            if (Boolean.FALSE.equals(restore.getSpec().getSafetyBackup())) {
                set(COND_SAFETY, false, "Disabled", "spec.safetyBackup is false");
                status.setPhase(QUIESCING);
            } else {
                status.setPhase(SAFETY_BACKUP);
                set(COND_SAFETY, false, "Running", "Backing up site " + targetName + " first");
            }
            return 1;
        }

        long safetyBackup(Backup backup, WordPressSite target) {
            Optional<Job> job = job(Names.restoreSafetyJob(restore));
            if (job.isEmpty()) {
                context.getClient().resource(RestoreJobs.safety(restore, backup, target, ToolJobSettings.of(config))).create();
                return 0;
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            if (outcome.state() == JobOutcome.State.RUNNING) {
                return 0;
            }
            if (outcome.state() == JobOutcome.State.FAILED) {
                set(COND_SAFETY, false, outcome.reason(), "The safety backup failed: " + why(job.get(), outcome));
                return fail("SafetyBackupFailed", "The safety backup failed, so the site was not touched: "
                        + why(job.get(), outcome));
            }
            status.setSafetyArtifact(Names.restoreSafetyJob(restore));
            set(COND_SAFETY, true, "Succeeded", "Safety backup written as artifact " + status.getSafetyArtifact());
            status.setPhase(QUIESCING);
            return 1;
        }

        long quiesce(WordPressSite target) {
            if (condition(COND_QUIESCED).filter(c -> "False".equals(c.getStatus())).isEmpty()) {
                set(COND_QUIESCED, false, "Stopping", "Stopping the WordPress pods of " + target.getMetadata().getName());
            }
            long waited = secondsSince(condition(COND_QUIESCED).get().getLastTransitionTime());
            QuiesceControl.transfer(context.getClient(), target, legacyOwner(restore), owner());
            if (!QuiesceControl.acquire(context.getClient(), target, owner())) {
                if (waited > QUIESCE_DEADLINE_SECONDS) {
                    return fail("SiteBusy", "Site " + target.getMetadata().getName() + " stayed quiesced by "
                            + Quiesce.by(site(target.getMetadata().getName())).orElse("someone else") + " for "
                            + QUIESCE_DEADLINE_SECONDS + " s; nothing was restored");
                }
                set(COND_QUIESCED, false, "SiteBusy", "Waiting: site " + target.getMetadata().getName()
                        + " is quiesced by " + Quiesce.by(site(target.getMetadata().getName())).orElse("someone else"));
                return 5;
            }
            if (!QuiesceControl.stopped(context.getClient(), target)) {
                if (waited > QUIESCE_DEADLINE_SECONDS) {
                    unquiesce(target, false);
                    return fail("QuiesceTimeout", "WordPress pods of " + target.getMetadata().getName() + " were still"
                            + " running after " + QUIESCE_DEADLINE_SECONDS + " s; the site was resumed, nothing was restored");
                }
                set(COND_QUIESCED, false, "Stopping", "Stopping the WordPress pods of " + target.getMetadata().getName()
                        + " (terminating pods included)");
                return 2;
            }
            set(COND_QUIESCED, true, "Stopped", "No WordPress pod runs while the data is replaced");
            status.setPhase(RESTORING);
            set(COND_RESTORED, false, "Running", "Restoring artifact " + status.getArtifact());
            return 1;
        }

        long restoreData(Backup backup, WordPressSite target) {
            Optional<Job> job = job(Names.restoreJob(restore));
            if (job.isEmpty() && !Quiesce.by(target).filter(owner()::equals).isPresent()) {
                // the fence this step relies on is gone (lifted by hand, or taken over): never write unfenced
                unquiesce(target, false);
                return fail("FenceLost", "Site " + target.getMetadata().getName() + " is no longer quiesced by this"
                        + " Restore (" + Quiesce.by(target).orElse("nobody") + " holds it); nothing was restored");
            }
            if (job.isEmpty()) {
                String source = backup.getSpec().getSiteRef().getName();
                WordPressSite sourceSite = source.equals(target.getMetadata().getName()) ? target : site(source);
                String sourceAddress = sourceSite == null ? null : ToolPods.siteAddress(sourceSite);
                context.getClient().resource(RestoreJobs.restore(restore, backup, target, status.getArtifact(),
                        sourceAddress, ToolJobSettings.of(config))).create();
                return 0;
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            if (outcome.state() == JobOutcome.State.RUNNING) {
                return 0;
            }
            if (outcome.state() == JobOutcome.State.FAILED) {
                set(COND_RESTORED, false, outcome.reason(), why(job.get(), outcome));
                unquiesce(target, false);
                return fail("RestoreFailed", "The restore failed: " + why(job.get(), outcome));
            }
            set(COND_RESTORED, true, "Succeeded", "Artifact " + status.getArtifact() + " restored");
            unquiesce(target, true);
            set(COND_QUIESCED, false, "Resumed", "WordPress pods are starting again");
            status.setPhase(RESUMING);
            set(COND_PURGED, false, "Requested", "Purging the site's caches");
            return 2;
        }

        long resume(WordPressSite target) {
            var purge = target.getStatus() == null ? null : target.getStatus().getCachePurge();
            if (purge != null && purgeRequest().equals(purge.getRequest())) {
                boolean ok = CachePurgeRequests.SUCCEEDED.equals(purge.getOutcome());
                set(COND_PURGED, ok, purge.getOutcome(), purge.getMessage());
                return succeed(ok ? "" : "; the cache purge failed (" + purge.getMessage() + "): purge again from the site");
            }
            long waited = ChronoUnit.SECONDS.between(Instant.parse(condition(COND_PURGED).map(Condition::getLastTransitionTime)
                    .orElse(now())), Instant.now(clock));
            if (waited > PURGE_WAIT_SECONDS) {
                set(COND_PURGED, false, "NoAnswer", "The site did not answer the cache purge within " + PURGE_WAIT_SECONDS + " s");
                return succeed("; the caches may still hold old pages: purge them from the site");
            }
            return 3;
        }

        long succeed(String note) {
            status.setPhase(SUCCEEDED);
            status.setCompletionTime(now());
            set(COND_COMPLETE, true, "Succeeded", "Artifact " + status.getArtifact() + " restored into " + status.getTargetSite() + note);
            set(COND_FAILED, false, "Succeeded", "The restore succeeded");
            EventRecorder.normal(context.getClient(), restore, "RestoreSucceeded",
                    "Artifact " + status.getArtifact() + " restored into " + status.getTargetSite() + note);
            return 0;
        }

        long fail(String reason, String message) {
            status.setPhase(FAILED);
            status.setCompletionTime(now());
            set(COND_COMPLETE, false, reason, "The restore did not complete");
            set(COND_FAILED, true, reason, message);
            EventRecorder.warning(context.getClient(), restore, "RestoreFailed", message);
            return 0;
        }

        /** Not started yet and nothing to do but wait: Progressing False says why; looked at again in 15 s. */
        long waiting(String reason, String message) {
            if (condition("Progressing").filter(c -> reason.equals(c.getReason())).isEmpty()) {
                EventRecorder.warning(context.getClient(), restore, reason, message);
            }
            status.setPhase(status.getPhase() == null ? PENDING : status.getPhase());
            set("Progressing", false, reason, message);
            return 15;
        }

        void unquiesce(WordPressSite target, boolean purge) {
            QuiesceControl.lift(context.getClient(), target, owner(), purge ? purgeRequest() : null);
            QuiesceControl.lift(context.getClient(), target, legacyOwner(restore), null);
        }

        BackupContentSpec include() {
            return restore.getSpec().getInclude() == null ? new BackupContentSpec() : restore.getSpec().getInclude();
        }

        String purgeRequest() {
            return "restore-" + restore.getMetadata().getName() + "-" + restore.getMetadata().getUid().substring(0, 8);
        }

        String owner() {
            return RestoreReconciler.owner(restore);
        }

        long secondsSince(String time) {
            return ChronoUnit.SECONDS.between(Instant.parse(time), Instant.now(clock));
        }

        WordPressSite site(String name) {
            return context.getClient().resources(WordPressSite.class).inNamespace(ns).withName(name).get();
        }

        Optional<Job> job(String name) {
            return context.getSecondaryResources(Job.class).stream()
                    .filter(j -> name.equals(j.getMetadata().getName())).findFirst();
        }

        String why(Job job, JobOutcome outcome) {
            return ToolResult.why(context.getClient(), job, outcome);
        }

        Optional<Condition> condition(String type) {
            return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
        }

        void set(String type, boolean value, String reason, String message) {
            status.setConditions(ConditionsBuilder.replace(status.getConditions(), status.getConditions(),
                    restore.getMetadata().getGeneration(), clock, type, value, reason, message));
        }
    }

    /** The fence holder: this Restore, by uid (a Restore of the same name created again is another holder). */
    static String owner(Restore restore) {
        return QuiesceControl.holder(restore);
    }

    /** What an older operator wrote as the holder; taken over or lifted, never left behind. */
    static String legacyOwner(Restore restore) {
        return "Restore/" + restore.getMetadata().getName();
    }

    /** How long a Restore waits for the site's fence and for its pods to stop before it gives up, site resumed. */
    static final long QUIESCE_DEADLINE_SECONDS = 600;

    /**
     * A Restore deleted midway must not leave its site stopped, nor resume it while its Job still writes: the
     * fence is lifted once no Job of this Restore runs (a Job ends by its activeDeadlineSeconds at the latest).
     */
    @Override
    public DeleteControl cleanup(Restore restore, Context<Restore> context) {
        boolean running = context.getSecondaryResources(Job.class).stream()
                .anyMatch(j -> JobOutcome.of(j).state() == JobOutcome.State.RUNNING);
        if (running) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(5_000);
        }
        RestoreStatus status = restore.getStatus();
        if (status != null && status.getTargetSite() != null) {
            var site = context.getClient().resources(WordPressSite.class).inNamespace(restore.getMetadata().getNamespace())
                    .withName(status.getTargetSite());
            WordPressSite current = site.get();
            if (current != null) {
                QuiesceControl.lift(context.getClient(), current, owner(restore), null);
                QuiesceControl.lift(context.getClient(), current, legacyOwner(restore), null);
            }
        }
        return DeleteControl.defaultDelete();
    }

    private static RestoreStatus copy(RestoreStatus s) {
        RestoreStatus c = new RestoreStatus();
        c.setPhase(s.getPhase());
        c.setConditions(new ArrayList<>(s.getConditions()));
        c.setArtifact(s.getArtifact());
        c.setTargetSite(s.getTargetSite());
        c.setSafetyArtifact(s.getSafetyArtifact());
        c.setStartTime(s.getStartTime());
        c.setCompletionTime(s.getCompletionTime());
        return c;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
