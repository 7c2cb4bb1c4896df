package io.wpoven.operator.restore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import io.wpoven.operator.procedure.Check;
import io.wpoven.operator.procedure.Journal;
import io.wpoven.operator.procedure.Procedure;
import io.wpoven.operator.procedure.Step;
import io.wpoven.operator.site.CachePurgeRequests;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.QuiesceControl;
import io.wpoven.operator.site.Resumption;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.CredentialSecrets;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * One-click restore, a one-shot procedure ({@link #PROCEDURE}, a table of steps run by {@link Procedure}): safety
 * backup of the target → quiesce the target (no WordPress pods) → restore Job (the tool verifies the whole artifact
 * before it touches anything) → resume the site and purge its caches. A pass starts what a step needs and returns;
 * Job events and short reschedules bring it back. The phase (the step), its start time and one condition per step
 * are in status; every step has a deadline, and a failure at any step resumes the site and ends the Restore as
 * Failed with the reason.
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

    /**
     * The procedure, one row a step: name, when it applies, precondition, action, done-check, deadline, what follows.
     * Job steps end by the Job's own deadline first (its activeDeadlineSeconds); theirs is that plus slack.
     */
    static final Procedure<Run> PROCEDURE = new Procedure<>("Restore", List.of(
            Step.<Run>named(SAFETY_BACKUP)
                    .appliesWhen(r -> !Boolean.FALSE.equals(r.restore.getSpec().getSafetyBackup()))
                    .action(Run::startSafetyBackup)
                    .doneWhen(Run::safetyBackupDone)
                    .deadline(Run::jobDeadline)
                    .then(r -> r.status.setSafetyArtifact(Names.restoreSafetyJob(r.restore))),
            Step.<Run>named(QUIESCING)
                    .requires(Run::fenceFree)
                    .action(Run::takeFence)
                    .doneWhen(Run::stopped)
                    .deadline(Duration.ofSeconds(RestoreReconciler.QUIESCE_DEADLINE_SECONDS)),
            Step.<Run>named(RESTORING)
                    .requires(Run::fenceHeld)
                    .action(Run::startRestore)
                    .doneWhen(Run::restored)
                    .deadline(Run::jobDeadline)
                    .then(Run::resumeAndPurge),
            Step.<Run>named(RESUMING)
                    .doneWhen(Run::resumed)
                    .deadline(Resumption.DEADLINE)));

    /** Each step's condition. */
    private static final Map<String, String> CONDITIONS = Map.of(SAFETY_BACKUP, COND_SAFETY, QUIESCING, COND_QUIESCED,
            RESTORING, COND_RESTORED, RESUMING, COND_PURGED);

    @Override
    public UpdateControl<Restore> reconcile(Restore restore, Context<Restore> context) {
        RestoreStatus previous = restore.getStatus() == null ? new RestoreStatus() : restore.getStatus();
        if (SUCCEEDED.equals(previous.getPhase()) || FAILED.equals(previous.getPhase())) {
            return UpdateControl.noUpdate();
        }
        Run run = new Run(restore, context, copy(previous));
        long again = run.pass();
        RestoreStatus status = run.status;
        UpdateControl<Restore> control;
        if (status.equals(restore.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            restore.setStatus(status);
            control = UpdateControl.patchStatus(restore);
        }
        return again > 0 ? control.rescheduleAfter(again, TimeUnit.SECONDS) : control;
    }

    /** One pass over the procedure for one Restore: what the steps read and do, and its journal (the status). */
    final class Run implements Journal {
        final Restore restore;
        final Context<Restore> context;
        final RestoreStatus status;
        final String ns;
        Backup backup;
        WordPressSite target;
        String note = "";

        Run(Restore restore, Context<Restore> context, RestoreStatus status) {
            this.restore = restore;
            this.context = context;
            this.status = status;
            this.ns = restore.getMetadata().getNamespace();
        }

        long pass() {
            if (importing()) {
                // the safety backup's storage: the target site's automatic Backup, when it has one
                WordPressSite site = site(restore.getSpec().getTargetSite().getName());
                backup = site == null ? null : context.getClient().resources(Backup.class).inNamespace(ns)
                        .withName(Names.siteBackup(site)).get();
            } else {
                backup = context.getClient().resources(Backup.class).inNamespace(ns)
                        .withName(restore.getSpec().getBackupRef().getName()).get();
                if (backup == null) {
                    return waiting("BackupNotFound", "Backup " + restore.getSpec().getBackupRef().getName() + " not found");
                }
            }
            String phase = status.getPhase() == null ? PENDING : status.getPhase();
            if (PENDING.equals(phase)) {
                long again = start();
                if (again >= 0) {
                    return again;
                }
            } else {
                target = site(status.getTargetSite());
                if (target == null) {
                    return fail("SiteNotFound", "The target site " + status.getTargetSite() + " was deleted during the restore");
                }
            }
            return PROCEDURE.advance(this, this, clock);
        }

        /** Before the first step: what to restore, into which site, and whether it can be done at all; -1: go on. */
        long start() {
            if (importing()) {
                return startImport();
            }
            String artifact = Optional.ofNullable(restore.getSpec().getArtifact()).orElseGet(() ->
                    backup.getStatus() == null || backup.getStatus().getLatestArtifact() == null ? null
                            : backup.getStatus().getLatestArtifact().getName());
            if (artifact == null) {
                return waiting("NoArtifact", "Backup " + backup.getMetadata().getName() + " has no complete artifact yet");
            }
            String targetName = restore.getSpec().getTargetSite() != null ? restore.getSpec().getTargetSite().getName()
                    : backup.getSpec().getSiteRef().getName();
            target = site(targetName);
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
            return started(targetName);
        }

        /**
         * Before the first step of an import: the site to import into, the files' storage usable, and a place for the
         * safety backup (the site's automatic Backup) unless it is turned off; -1: go on.
         */
        long startImport() {
            String targetName = restore.getSpec().getTargetSite().getName();
            target = site(targetName);
            if (target == null) {
                return waiting("SiteNotFound", "WordPressSite " + targetName + " not found");
            }
            Optional<String> refused = CredentialSecrets.refusal(context.getClient(), ns,
                    restore.getSpec().getImportFrom().getStorage(), "spec.importFrom.storage");
            if (refused.isPresent()) {
                return fail(CredentialSecrets.REASON, refused.get() + "; the site was not touched");
            }
            if (!Boolean.FALSE.equals(restore.getSpec().getSafetyBackup())) {
                if (backup == null) {
                    return fail("NoSafetyBackupStorage", "spec.safetyBackup: site " + targetName + " has no automatic"
                            + " Backup (its spec.backup) to hold the safety backup; configure one, or set"
                            + " spec.safetyBackup: false to import without it; the site was not touched");
                }
                refused = CredentialSecrets.refusal(context.getClient(), ns, backup.getSpec().getStorage(),
                        "Backup " + backup.getMetadata().getName() + " spec.storage");
                if (refused.isPresent()) {
                    return fail(CredentialSecrets.REASON, refused.get() + "; the site was not touched");
                }
            }
            if (Quiesce.by(target).filter(by -> !by.equals(owner())).isPresent()) {
                return waiting("SiteBusy", "Site " + targetName + " is quiesced by " + Quiesce.by(target).get());
            }
            return started(targetName);
        }

        long started(String targetName) {
            Optional<String> pulls = CredentialSecrets.pullSecretsRefusal(context.getClient(), target);
            if (pulls.isPresent()) { // the Jobs pull with the site's pull secrets
                return fail(CredentialSecrets.REASON, "site " + targetName + " " + pulls.get() + "; the site was not touched");
            }
            status.setTargetSite(targetName);
            status.setStartTime(now());
            status.getConditions().removeIf(c -> "Progressing".equals(c.getType()));
            EventRecorder.normal(context.getClient(), restore, importing() ? "ImportStarted" : "RestoreStarted",
                    (importing() ? "Importing " : "Restoring ") + what() + " into site " + targetName);
            if (Boolean.FALSE.equals(restore.getSpec().getSafetyBackup())) {
                set(COND_SAFETY, false, "Disabled", "spec.safetyBackup is false");
            }
            return -1;
        }

        boolean importing() {
            return restore.getSpec().getImportFrom() != null;
        }

        /** What goes in, for messages: the artifact, or the import's files. */
        String what() {
            if (!importing()) {
                return "artifact " + status.getArtifact();
            }
            var from = restore.getSpec().getImportFrom();
            return java.util.stream.Stream.of(from.getDatabase(), from.getContent()).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.joining(" and ")) + " from " + from.getStorage().getPrefix();
        }

        // --- the steps ---

        void startSafetyBackup() {
            if (job(Names.restoreSafetyJob(restore)).isEmpty() && backup != null) {
                context.getClient().resource(RestoreJobs.safety(restore, backup, target, ToolJobSettings.of(config))).create();
            }
        }

        Check safetyBackupDone() {
            if (backup == null && job(Names.restoreSafetyJob(restore)).isEmpty()) {
                return Check.fail("SafetyBackupFailed", "The target site's automatic Backup was deleted before the safety"
                        + " backup ran, so the site was not touched");
            }
            return jobCheck(Names.restoreSafetyJob(restore), "Backing up site " + status.getTargetSite() + " first",
                    why -> Check.fail("SafetyBackupFailed", "The safety backup failed, so the site was not touched: " + why),
                    () -> Check.done("Safety backup written as artifact " + Names.restoreSafetyJob(restore)));
        }

        /** Nobody else holds the site's fence (an older operator's name for this Restore counts as this Restore). */
        Check fenceFree() {
            Optional<String> by = Quiesce.by(target).filter(b -> !b.equals(owner()) && !b.equals(legacyOwner(restore)));
            return by.isEmpty() ? Check.MET : Check.waiting(5, "SiteBusy", "Waiting: site " + target.getMetadata().getName()
                    + " is quiesced by " + by.get());
        }

        void takeFence() {
            QuiesceControl.transfer(context.getClient(), target, legacyOwner(restore), owner());
            QuiesceControl.acquire(context.getClient(), target, owner());
        }

        Check stopped() {
            if (Quiesce.by(target).filter(owner()::equals).isPresent() && QuiesceControl.stopped(context.getClient(), target)) {
                return Check.done("Stopped", "No WordPress pod runs while the data is replaced");
            }
            return Check.waiting(2, "Stopping", "Stopping the WordPress pods of " + target.getMetadata().getName()
                    + " (terminating pods included)");
        }

        /** The copy runs only under this Restore's own fence (a Job already started is seen to its end). */
        Check fenceHeld() {
            if (job(Names.restoreJob(restore)).isPresent() || Quiesce.by(target).filter(owner()::equals).isPresent()) {
                return Check.MET;
            }
            return Check.fail("FenceLost", "Site " + target.getMetadata().getName() + " is no longer quiesced by this"
                    + " Restore (" + Quiesce.by(target).orElse("nobody") + " holds it); nothing was restored");
        }

        void startRestore() {
            if (job(Names.restoreJob(restore)).isEmpty() && importing()) {
                context.getClient().resource(RestoreJobs.importing(restore, target, ToolJobSettings.of(config))).create();
            } else if (job(Names.restoreJob(restore)).isEmpty()) {
                String source = backup.getSpec().getSiteRef().getName();
                WordPressSite sourceSite = source.equals(target.getMetadata().getName()) ? target : site(source);
                String sourceAddress = sourceSite == null ? null : ToolPods.siteAddress(sourceSite);
                context.getClient().resource(RestoreJobs.restore(restore, backup, target, status.getArtifact(),
                        sourceAddress, ToolJobSettings.of(config))).create();
            }
        }

        Check restored() {
            return jobCheck(Names.restoreJob(restore), (importing() ? "Importing " : "Restoring ") + what(),
                    why -> Check.fail(importing() ? "ImportFailed" : "RestoreFailed",
                            "The " + (importing() ? "import" : "restore") + " failed: " + why),
                    () -> Check.done(what() + (importing() ? " imported" : " restored")));
        }

        void resumeAndPurge() {
            unquiesce(true);
            set(COND_QUIESCED, false, "Resumed", "WordPress pods are starting again");
        }

        /** Done once the site answered the purge and serves again ({@link Resumption}). */
        Check resumed() {
            Resumption.Outcome outcome = Resumption.check(context.getClient(), target, purgeRequest(), secondsInStep());
            note = outcome.note();
            return outcome.check();
        }

        Duration jobDeadline() {
            Long timeout = backup == null ? null : backup.getSpec().getTimeoutSeconds();
            return Duration.ofSeconds(timeout == null ? 3600 : timeout).plus(JobOutcome.STEP_SLACK);
        }

        /** A step that is one Job: waiting while it is to be made or runs, then its outcome. */
        Check jobCheck(String name, String running, java.util.function.Function<String, Check> failed,
                java.util.function.Supplier<Check> succeeded) {
            Optional<Job> job = job(name);
            if (job.isEmpty()) {
                return Check.waiting(JobOutcome.LOOK_SECONDS, "Running", running);
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            return switch (outcome.state()) {
                case RUNNING -> Check.waiting(JobOutcome.LOOK_SECONDS, "Running", running);
                case FAILED -> failed.apply(why(job.get(), outcome));
                case SUCCEEDED -> succeeded.get();
            };
        }

        // --- the journal: the status ---

        @Override
        public String step() {
            String phase = status.getPhase();
            return phase == null || PENDING.equals(phase) ? null : phase;
        }

        @Override
        public Instant stepStarted() {
            return status.getStepTime() == null ? null : Instant.parse(status.getStepTime());
        }

        @Override
        public void entered(String step, Instant now) {
            status.setPhase(step);
            status.setStepTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
            String message = switch (step) {
                case SAFETY_BACKUP -> "Backing up site " + status.getTargetSite() + " first";
                case QUIESCING -> "Stopping the WordPress pods of " + status.getTargetSite();
                case RESTORING -> (importing() ? "Importing " : "Restoring ") + what();
                default -> "Purging the site's caches";
            };
            set(CONDITIONS.get(step), false, RESUMING.equals(step) ? "Requested" : "Running", message);
        }

        @Override
        public void waiting(String step, Check.Wait wait) {
            if (status.getStepTime() == null) {
                status.setStepTime(now()); // began under an older operator: its deadline counts from now
            }
            set(CONDITIONS.get(step), false, wait.reason(), wait.message());
        }

        @Override
        public void done(String step, Check.Done done) {
            set(CONDITIONS.get(step), done.value(), done.reason(), done.message());
        }

        @Override
        public void compensating(String step, String reason, String message) {
            failed(step, reason, message);
        }

        /** A failed step: the site resumed (this Restore's fence lifted; no Job of it runs by now), the reason kept. */
        @Override
        public void failed(String step, String reason, String message) {
            set(CONDITIONS.get(step), false, reason, message);
            if (!SAFETY_BACKUP.equals(step)) {
                unquiesce(false);
            }
            fail(reason, SAFETY_BACKUP.equals(step) ? message : message + "; the site was resumed");
        }

        @Override
        public void finished(String last) {
            succeed(note);
        }

        long succeed(String note) {
            status.setPhase(SUCCEEDED);
            status.setCompletionTime(now());
            String done = what() + (importing() ? " imported into " : " restored into ") + status.getTargetSite() + note;
            set(COND_COMPLETE, true, "Succeeded", Character.toUpperCase(done.charAt(0)) + done.substring(1));
            set(COND_FAILED, false, "Succeeded", "The " + (importing() ? "import" : "restore") + " succeeded");
            EventRecorder.normal(context.getClient(), restore, importing() ? "ImportSucceeded" : "RestoreSucceeded",
                    Character.toUpperCase(done.charAt(0)) + done.substring(1));
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

        void unquiesce(boolean purge) {
            if (target != null) {
                QuiesceControl.lift(context.getClient(), target, owner(), purge ? purgeRequest() : null);
                QuiesceControl.lift(context.getClient(), target, legacyOwner(restore), null);
            }
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

        long secondsInStep() {
            return status.getStepTime() == null ? 0
                    : ChronoUnit.SECONDS.between(Instant.parse(status.getStepTime()), Instant.now(clock));
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
        c.setStepTime(s.getStepTime());
        return c;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
