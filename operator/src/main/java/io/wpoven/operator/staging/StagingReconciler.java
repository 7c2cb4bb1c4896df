package io.wpoven.operator.staging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.RestoreSpec;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingSpec.SyncRequest;
import io.wpoven.operator.api.v1alpha1.StagingStatus;
import io.wpoven.operator.api.v1alpha1.StagingStatus.SyncStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolPods.Command;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.procedure.Check;
import io.wpoven.operator.procedure.Journal;
import io.wpoven.operator.procedure.Procedure;
import io.wpoven.operator.procedure.Step;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.QuiesceControl;
import io.wpoven.operator.site.Resumption;
import io.wpoven.operator.staging.condition.LiveSiteAndNameFree;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.CredentialSecrets;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * A staging copy of a live site. The staging WordPressSite is a dependent; the first copy (live → staging) is
 * a Job once the staging database is up; each push (staging → live) and pull (live → staging) request runs
 * once per id: checkpoint Backup of the target → quiesce the target → copy Job → resume and purge, and on a
 * failed copy a Restore of the target from the checkpoint. Each step starts something and returns.
 */
@ControllerConfiguration(name = StagingReconciler.NAME)
@Workflow(dependents = @Dependent(name = "site", type = StagingSiteDependent.class,
        reconcilePrecondition = LiveSiteAndNameFree.class))
public class StagingReconciler implements Reconciler<Staging>, Cleaner<Staging> {
    public static final String NAME = "staging";
    public static final String LIVE = "live-site";
    static final String LIVE_INDEX = "staging-live";

    public static final String READY = "Ready";
    public static final String CLONED = "Cloned";
    public static final String SYNCING = "Syncing";

    public static final String CHECKPOINT = "Checkpoint";
    public static final String QUIESCING = "Quiescing";
    public static final String COPYING = "Copying";
    public static final String RESUMING = "Resuming";
    public static final String ROLLING_BACK = "RollingBack";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String ROLLED_BACK = "RolledBack";

    @Inject
    OperatorConfig config;

    private final Clock clock = Clock.systemUTC();

    @Override
    public List<EventSource<?, Staging>> prepareEventSources(EventSourceContext<Staging> context) {
        context.getPrimaryCache().addIndexer(LIVE_INDEX, s -> List.of(key(s.getMetadata().getNamespace(),
                s.getSpec().getSiteRef().getName())));
        var live = new InformerEventSource<>(InformerEventSourceConfiguration.from(WordPressSite.class, Staging.class)
                .withNamespacesInheritedFromController()
                .withName(LIVE)
                .withSecondaryToPrimaryMapper(site -> context.getPrimaryCache()
                        .byIndex(LIVE_INDEX, key(site.getMetadata().getNamespace(), site.getMetadata().getName()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((Staging s) -> Set.of(new ResourceID(s.getSpec().getSiteRef().getName(),
                        s.getMetadata().getNamespace())))
                .build(), context);
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Staging.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(StagingJobs.STAGING_LABEL)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Staging.class, false))
                .build(), context);
        var backups = new InformerEventSource<>(InformerEventSourceConfiguration.from(Backup.class, Staging.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(StagingJobs.STAGING_LABEL)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Staging.class, false))
                .build(), context);
        var restores = new InformerEventSource<>(InformerEventSourceConfiguration.from(Restore.class, Staging.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(StagingJobs.STAGING_LABEL)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Staging.class, false))
                .build(), context);
        return List.of(live, jobs, backups, restores);
    }

    /**
     * A push or a pull, one row a step: name, precondition, action, done-check, deadline, what follows, and the
     * compensation a failed copy turns to (live restored from the checkpoint, still fenced until then).
     */
    private static final Procedure<Pass.SyncRun> SYNC = new Procedure<>("Push or pull", List.of(
            Step.<Pass.SyncRun>named(CHECKPOINT)
                    .requires(Pass.SyncRun::checkpointPossible)
                    .action(Pass.SyncRun::startCheckpoint)
                    .doneWhen(Pass.SyncRun::checkpointTaken)
                    .deadline(Duration.ofHours(1).plus(JobOutcome.STEP_SLACK)),
            Step.<Pass.SyncRun>named(QUIESCING)
                    .requires(Pass.SyncRun::fenceFree)
                    .action(Pass.SyncRun::takeFence)
                    .doneWhen(Pass.SyncRun::stopped)
                    .deadline(Duration.ofSeconds(StagingReconciler.QUIESCE_DEADLINE_SECONDS)),
            Step.<Pass.SyncRun>named(COPYING)
                    .requires(Pass.SyncRun::mayCopy)
                    .action(Pass.SyncRun::startCopy)
                    .doneWhen(Pass.SyncRun::copied)
                    .deadline(Duration.ofSeconds(StagingJobs.TIMEOUT_SECONDS).plus(JobOutcome.STEP_SLACK))
                    .then(Pass.SyncRun::resumeAndPurge)
                    .onFailureGoTo(ROLLING_BACK),
            Step.<Pass.SyncRun>named(RESUMING)
                    .doneWhen(Pass.SyncRun::resumed)
                    .deadline(Resumption.DEADLINE)),
            Step.<Pass.SyncRun>named(ROLLING_BACK)
                    .action(Pass.SyncRun::startRollback)
                    .doneWhen(Pass.SyncRun::rolledBack)
                    .deadline(Duration.ofHours(2)));

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    @Override
    public UpdateControl<Staging> reconcile(Staging staging, Context<Staging> context) {
        Pass pass = new Pass(staging, context);
        long again = pass.run();
        StagingStatus status = pass.status;
        UpdateControl<Staging> control;
        if (status.equals(staging.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            staging.setStatus(status);
            control = UpdateControl.patchStatus(staging);
        }
        return again > 0 ? control.rescheduleAfter(again, TimeUnit.SECONDS) : control;
    }

    private final class Pass {
        final Staging staging;
        final Context<Staging> context;
        final StagingStatus status;
        final String ns;
        final List<Condition> previous;

        Pass(Staging staging, Context<Staging> context) {
            this.staging = staging;
            this.context = context;
            this.ns = staging.getMetadata().getNamespace();
            StagingStatus old = staging.getStatus() == null ? new StagingStatus() : staging.getStatus();
            this.previous = old.getConditions();
            this.status = new StagingStatus();
            status.setObservedGeneration(staging.getMetadata().getGeneration());
            status.setLastPush(copyOf(old.getLastPush()));
            status.setLastPull(copyOf(old.getLastPull()));
            status.setConditions(new ArrayList<>(old.getConditions()));
        }

        long run() {
            Optional<WordPressSite> live = context.getSecondaryResource(WordPressSite.class, LIVE);
            if (live.isEmpty()) {
                return notReady("LiveSiteNotFound", "WordPressSite " + staging.getSpec().getSiteRef().getName()
                        + " not found in namespace " + ns, 0);
            }
            WordPressSite site = site(Names.stagingSite(staging));
            if (site != null && !LiveSiteAndNameFree.ownedBy(site, staging)) {
                return notReady("NameTaken", "A WordPressSite named " + site.getMetadata().getName()
                        + " already exists and is not this Staging's: rename the Staging", 0);
            }
            status.setSite(Names.stagingSite(staging));
            if (site == null) {
                return notReady("Creating", "Creating the staging site", 2);
            }
            status.setUrl(site.getStatus() == null ? null : site.getStatus().getUrl());
            long again = clone(live.get(), site);
            boolean cloned = ConditionsBuilder.isTrue(status.getConditions(), CLONED);
            boolean siteReady = site.getStatus() != null && ConditionsBuilder.isTrue(site.getStatus().getConditions(), READY);
            if (cloned && siteReady) {
                set(READY, true, "Ready", "The staging site serves a copy of " + live.get().getMetadata().getName()
                        + " at " + status.getUrl());
            } else {
                set(READY, false, cloned ? "SiteNotReady" : "Cloning",
                        cloned ? "The staging site is not ready yet" : "Copying the live site into the staging site");
            }
            if (!cloned) {
                return again;
            }
            long push = sync("push", staging.getSpec().getPush(), status.getLastPush(), status::setLastPush, site, live.get(),
                    Command.PUSH);
            if (inProgress(status.getLastPush())) {
                set(SYNCING, true, "Push", "Pushing staging to live: " + status.getLastPush().getOutcome());
                return push;
            }
            long pull = sync("pull", staging.getSpec().getPull(), status.getLastPull(), status::setLastPull, live.get(), site,
                    Command.CLONE);
            boolean syncing = inProgress(status.getLastPull());
            set(SYNCING, syncing, syncing ? "Pull" : "Idle", syncing
                    ? "Refreshing staging from live: " + status.getLastPull().getOutcome() : "No push or refresh is running");
            return Math.max(again, Math.max(push, pull));
        }

        /** The first copy, once the staging database answers. A failed copy is retried by deleting its Job. */
        long clone(WordPressSite live, WordPressSite site) {
            Optional<Job> job = job(Names.stagingClone(staging));
            if (job.isEmpty()) {
                if (!ConditionsBuilder.isTrue(site.getStatus() == null ? null : site.getStatus().getConditions(), "DatabaseReady")) {
                    set(CLONED, false, "WaitingForDatabase", "Waiting for the staging database before copying live into it");
                    return 3;
                }
                Optional<String> pulls = CredentialSecrets.pullSecretsRefusal(context.getClient(), site);
                if (pulls.isPresent()) { // the copy Job pulls with the staging site's pull secrets
                    set(CLONED, false, CredentialSecrets.REASON, "site " + site.getMetadata().getName() + " " + pulls.get());
                    return 10;
                }
                BackupContentSpec include = staging.getSpec().getCopy() == null ? new BackupContentSpec() : staging.getSpec().getCopy();
                create(StagingJobs.copy(Names.stagingClone(staging), staging, Command.CLONE, live, site, include, List.of(),
                        ToolJobSettings.of(config)));
                set(CLONED, false, "Copying", "Copying " + live.getMetadata().getName() + " into the staging site");
                return 0;
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            switch (outcome.state()) {
                case RUNNING -> set(CLONED, false, "Copying", "Copying " + live.getMetadata().getName() + " into the staging site");
                case FAILED -> set(CLONED, false, "CloneFailed", "The copy failed: " + why(job.get(), outcome)
                        + ". Delete Job " + job.get().getMetadata().getName() + " to try again");
                case SUCCEEDED -> set(CLONED, true, "Copied", "Copied from " + live.getMetadata().getName()
                        + " with its URLs rewritten to " + staging.getSpec().getDomain());
            }
            return 0;
        }

        /** One push or pull request, run once per id; target is what gets overwritten. */
        long sync(String kind, SyncRequest request, SyncStatus current, java.util.function.Consumer<SyncStatus> store,
                WordPressSite source, WordPressSite target, Command command) {
            SyncStatus s = current;
            boolean wanted = request != null && s != null && request.getId().equals(s.getId());
            if (!wanted && !inProgress(s) && request == null) {
                return 0;
            }
            if (!wanted && !inProgress(s)) {
                if (otherInProgress(kind)) {
                    return 5;
                }
                s = new SyncStatus();
                s.setId(request.getId());
                s.setRequest(Names.syncRequest(staging, kind, request.getId(), staging.getMetadata().getGeneration()));
                step(s, CHECKPOINT, "Backing up " + target.getMetadata().getName() + " first");
                store.accept(s);
                EventRecorder.normal(context.getClient(), staging, kind.equals("push") ? "PushStarted" : "PullStarted",
                        kind + " " + request.getId() + ": " + source.getMetadata().getName() + " → " + target.getMetadata().getName());
                return 1; // the request's identity is in status before any of its objects exist
            }
            if (s.getRequest() == null && inProgress(s)) {
                s.setRequest(Names.syncRequest(staging, kind, s.getId(), 0)); // started by an operator without request ids
            }
            if (!inProgress(s)) {
                return 0;
            }
            SyncRun run = new SyncRun(kind, wanted ? request : null, s, source, target, command);
            return SYNC.advance(run, run, clock);
        }

        /**
         * One push or pull on its way through {@link #SYNC}, and its journal (its entry in status). A request that is
         * no longer wanted (spec.push or spec.pull removed, or its id changed) ends, never abandoned with the target
         * stopped: before its copy began it stops there (the target resumed, nothing changed); a copy already running
         * is seen to its end (and rolled back if it fails), so the target resumes only once no Job writes to it.
         */
        final class SyncRun implements Journal {
            final String kind;
            final SyncRequest request;
            final SyncStatus s;
            final WordPressSite source;
            final WordPressSite target;
            final Command command;
            /** What the last step leaves to look at (a purge not answered, no pod ready), for the final message. */
            String note = "";

            SyncRun(String kind, SyncRequest request, SyncStatus s, WordPressSite source, WordPressSite target, Command command) {
                this.kind = kind;
                this.request = request;
                this.s = s;
                this.source = source;
                this.target = target;
                this.command = command;
            }

            String name(String suffix) {
                return Names.stagingSync(staging, kind, s.getId(), s.getRequest(), suffix);
            }

            String targetName() {
                return target.getMetadata().getName();
            }

            /** Still asked for; a request withdrawn before its copy began ends here. */
            Check wanted() {
                return request != null ? Check.MET : Check.fail("Cancelled", "Cancelled: spec." + kind
                        + " was removed or its id changed while " + kind + " " + s.getId() + " ran");
            }

            // --- Checkpoint ---

            Check checkpointPossible() {
                Check wanted = wanted();
                if (wanted instanceof Check.Done && checkpointBackup().isEmpty()) {
                    // the copy Job pulls with the target site's pull secrets: refused before anything is done
                    Optional<String> pulls = CredentialSecrets.pullSecretsRefusal(context.getClient(), target);
                    if (pulls.isPresent()) {
                        return Check.fail(CredentialSecrets.REASON, "site " + targetName() + " " + pulls.get()
                                + "; nothing was changed");
                    }
                }
                if (!(wanted instanceof Check.Done) || checkpointBackup().isPresent() || checkpointStorage() != null) {
                    return wanted;
                }
                return Check.fail("NoCheckpointStorage", "a " + kind + " needs a checkpoint first; set"
                        + " spec.checkpointStorage or the live site's spec.backup.storage");
            }

            Optional<Backup> checkpointBackup() {
                return SyncRequests.find(context.getSecondaryResources(Backup.class), name("checkpoint"), staging, s.getRequest());
            }

            void startCheckpoint() {
                if (checkpointBackup().isEmpty()) {
                    create(Pass.this.checkpointBackup(name("checkpoint"), s.getRequest(), target, checkpointStorage()));
                }
            }

            Check checkpointTaken() {
                Backup backup = checkpointBackup().orElse(null);
                var conditions = backup == null || backup.getStatus() == null ? null : backup.getStatus().getConditions();
                if (ConditionsBuilder.isTrue(conditions, "Failed") || ConditionsBuilder.isFalse(conditions, "Ready")) {
                    return Check.fail("CheckpointFailed", "the checkpoint backup of " + targetName() + " failed: "
                            + message(conditions, "Failed"));
                }
                if (!ConditionsBuilder.isTrue(conditions, "Complete")) {
                    return Check.waiting(JobOutcome.LOOK_SECONDS, "Running", "Backing up " + targetName() + " first");
                }
                return Check.done("Checkpoint " + backup.getStatus().getLatestArtifact().getName() + " taken");
            }

            // --- Quiescing ---

            Check fenceFree() {
                Check wanted = wanted();
                if (!(wanted instanceof Check.Done)) {
                    return wanted;
                }
                Optional<String> by = Quiesce.by(target).filter(b -> !b.equals(owner(staging)) && !b.equals(legacyOwner(staging)));
                return by.isEmpty() ? Check.MET : Check.waiting(5, "SiteBusy", "Waiting: " + targetName()
                        + " is quiesced by " + by.get()); // somebody else (a Restore, another Staging) holds it
            }

            void takeFence() {
                QuiesceControl.transfer(context.getClient(), target, legacyOwner(staging), owner(staging));
                QuiesceControl.acquire(context.getClient(), target, owner(staging));
            }

            Check stopped() {
                if (Quiesce.by(target).filter(owner(staging)::equals).isPresent()
                        && QuiesceControl.stopped(context.getClient(), target)) {
                    return Check.done("Stopped", targetName() + " stopped");
                }
                return Check.waiting(2, "Stopping", "Stopping the WordPress pods of " + targetName());
            }

            // --- Copying ---

            Optional<Job> copyJob() {
                return SyncRequests.find(context.getSecondaryResources(Job.class), name(""), staging, s.getRequest());
            }

            /** The copy runs only while asked for and under this Staging's own fence; a Job already started is seen to its end. */
            Check mayCopy() {
                if (copyJob().isPresent()) {
                    return Check.MET;
                }
                Check wanted = wanted();
                if (!(wanted instanceof Check.Done)) {
                    return wanted;
                }
                return Quiesce.by(target).filter(owner(staging)::equals).isPresent() ? Check.MET
                        : Check.fail("FenceLost", targetName() + " is no longer quiesced by this Staging ("
                                + Quiesce.by(target).orElse("nobody") + " holds it)");
            }

            void startCopy() {
                if (copyJob().isEmpty()) {
                    BackupContentSpec include = request.getInclude() == null ? new BackupContentSpec() : request.getInclude();
                    create(StagingJobs.copy(name(""), s.getRequest(), staging, command, source, target, include,
                            request.getTables(), ToolJobSettings.of(config)));
                }
            }

            Check copied() {
                Optional<Job> job = copyJob();
                JobOutcome outcome = job.map(JobOutcome::of).orElse(null);
                if (outcome == null || outcome.state() == JobOutcome.State.RUNNING) {
                    return Check.waiting(JobOutcome.LOOK_SECONDS, "Running", "Copying into " + targetName());
                }
                if (outcome.state() == JobOutcome.State.SUCCEEDED) {
                    return Check.done("Copied");
                }
                return Check.fail("CopyFailed", "The copy failed (" + why(job.get(), outcome) + ")");
            }

            void resumeAndPurge() {
                QuiesceControl.lift(context.getClient(), target, owner(staging), purgeRequest());
                QuiesceControl.lift(context.getClient(), target, legacyOwner(staging), null);
            }

            String purgeRequest() {
                return kind + "-" + staging.getMetadata().getName() + "-" + s.getId();
            }

            /** The target answered the purge and serves again ({@link Resumption}); what to look at if not, kept. */
            Check resumed() {
                long seconds = s.getStepTime() == null ? 0
                        : ChronoUnit.SECONDS.between(Instant.parse(s.getStepTime()), Instant.now(clock));
                Resumption.Outcome outcome = Resumption.check(context.getClient(), target, purgeRequest(), seconds);
                note = outcome.note();
                return outcome.check();
            }

            // --- RollingBack (only after a failed copy) ---

            Optional<Restore> rollbackRestore() {
                return SyncRequests.find(context.getSecondaryResources(Restore.class), name("rollback"), staging, s.getRequest());
            }

            /** The target stays quiesced: the fence goes to the rollback Restore, which lifts it once it has finished. */
            void startRollback() {
                Restore rollback = rollbackRestore().orElseGet(() -> context.getClient().resource(rollback(name("rollback"),
                        name("checkpoint"), s.getRequest(), s.getCheckpoint(), target)).create());
                QuiesceControl.transfer(context.getClient(), target, owner(staging), QuiesceControl.holder(rollback));
            }

            Check rolledBack() {
                Restore restore = rollbackRestore().orElse(null);
                String phase = restore == null || restore.getStatus() == null ? null : restore.getStatus().getPhase();
                if ("Succeeded".equals(phase)) {
                    return Check.done("RolledBack");
                }
                if ("Failed".equals(phase)) {
                    return Check.fail("RollbackFailed", "that restore failed too: "
                            + message(restore.getStatus().getConditions(), "Failed") + ". Restore " + s.getCheckpoint() + " by hand");
                }
                return Check.waiting(JobOutcome.LOOK_SECONDS, "Running", s.getMessage());
            }

            // --- the journal ---

            @Override
            public String step() {
                return s.getOutcome();
            }

            @Override
            public Instant stepStarted() {
                return s.getStepTime() == null ? null : Instant.parse(s.getStepTime());
            }

            @Override
            public void entered(String step, Instant now) {
                switch (step) {
                    case QUIESCING -> Pass.this.step(s, QUIESCING, "Checkpoint " + s.getCheckpoint() + " taken; stopping " + targetName());
                    case COPYING -> Pass.this.step(s, COPYING, "Copying into " + targetName());
                    case RESUMING -> Pass.this.step(s, RESUMING, "Copied; " + targetName()
                            + " starting again, its caches being purged");
                    case ROLLING_BACK -> Pass.this.step(s, ROLLING_BACK, s.getMessage() + "; restoring " + targetName()
                            + " from checkpoint " + s.getCheckpoint() + " (it stays quiesced until then)");
                    default -> Pass.this.step(s, step, "Backing up " + targetName() + " first");
                }
            }

            @Override
            public void waiting(String step, Check.Wait wait) {
                if (s.getStepTime() == null) {
                    s.setStepTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString()); // began under an older operator
                }
                if (!ROLLING_BACK.equals(step)) {
                    s.setMessage(wait.message());
                }
            }

            @Override
            public void done(String step, Check.Done done) {
                if (CHECKPOINT.equals(step)) {
                    s.setCheckpoint(checkpointBackup().orElseThrow().getStatus().getLatestArtifact().getName());
                }
            }

            /** The copy failed: live is restored from the checkpoint before anything else happens to it. */
            @Override
            public void compensating(String step, String reason, String message) {
                s.setMessage(message);
                EventRecorder.warning(context.getClient(), staging, kind.equals("push") ? "PushFailed" : "PullFailed",
                        message + "; restoring " + targetName() + " from checkpoint " + s.getCheckpoint());
            }

            @Override
            public void failed(String step, String reason, String message) {
                switch (step) {
                    case ROLLING_BACK -> finish(kind, s, FAILED, s.getMessage() + ", and " + message);
                    case CHECKPOINT -> finish(kind, s, FAILED, "Nothing was changed: " + message);
                    case RESUMING -> finish(kind, s, FAILED, "Copied into " + targetName() + ", but " + message);
                    default -> {
                        unfence(target);
                        finish(kind, s, FAILED, "Nothing was changed: " + message + "; " + targetName() + " was resumed");
                    }
                }
            }

            @Override
            public void finished(String last) {
                if (ROLLING_BACK.equals(last)) {
                    finish(kind, s, ROLLED_BACK, s.getMessage() + "; restored " + targetName() + " from checkpoint "
                            + s.getCheckpoint() + ": nothing changed");
                    return;
                }
                String live = kind.equals("push") ? targetName() : source.getMetadata().getName();
                finish(kind, s, SUCCEEDED, (kind.equals("push") ? "Pushed staging to " : "Refreshed staging from ")
                        + live + ", URLs rewritten; caches purged; checkpoint " + s.getCheckpoint() + note);
            }
        }

        /** Lifts this Staging's fence on the target (and one an older operator took under the Staging's name). */
        void unfence(WordPressSite target) {
            QuiesceControl.lift(context.getClient(), target, owner(staging), null);
            QuiesceControl.lift(context.getClient(), target, legacyOwner(staging), null);
        }

        void step(SyncStatus s, String outcome, String message) {
            s.setOutcome(outcome);
            s.setMessage(message);
            s.setStepTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        }

        long finish(String kind, SyncStatus s, String outcome, String message) {
            s.setOutcome(outcome);
            s.setMessage(message);
            s.setCompletionTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
            String reason = (kind.equals("push") ? "Push" : "Pull") + outcome;
            if (SUCCEEDED.equals(outcome)) {
                EventRecorder.normal(context.getClient(), staging, reason, message);
            } else {
                EventRecorder.warning(context.getClient(), staging, reason, message);
            }
            return 0;
        }

        boolean otherInProgress(String kind) {
            return inProgress(kind.equals("push") ? status.getLastPull() : status.getLastPush());
        }

        BackupStorageSpec checkpointStorage() {
            if (staging.getSpec().getCheckpointStorage() != null) {
                return staging.getSpec().getCheckpointStorage();
            }
            return context.getSecondaryResource(WordPressSite.class, LIVE)
                    .map(l -> l.getSpec().getBackup() == null ? null : l.getSpec().getBackup().getStorage()).orElse(null);
        }

        Backup checkpointBackup(String name, String request, WordPressSite target, BackupStorageSpec storage) {
            SiteRefSpec ref = new SiteRefSpec();
            ref.setName(target.getMetadata().getName());
            BackupSpec spec = new BackupSpec();
            spec.setSiteRef(ref);
            spec.setStorage(storage);
            Backup backup = new Backup();
            backup.getMetadata().setName(name);
            backup.getMetadata().setNamespace(ns);
            backup.getMetadata().setLabels(labels(target));
            backup.getMetadata().getLabels().put(Labels.REQUEST, request);
            backup.setSpec(spec);
            backup.addOwnerReference(staging);
            return backup;
        }

        Restore rollback(String name, String backupName, String request, String artifact, WordPressSite target) {
            RestoreSpec spec = new RestoreSpec();
            RestoreSpec.BackupRefSpec ref = new RestoreSpec.BackupRefSpec();
            ref.setName(backupName);
            spec.setBackupRef(ref);
            spec.setArtifact(artifact);
            SiteRefSpec site = new SiteRefSpec();
            site.setName(target.getMetadata().getName());
            spec.setTargetSite(site);
            spec.setSafetyBackup(false);
            Restore restore = new Restore();
            restore.getMetadata().setName(name);
            restore.getMetadata().setNamespace(ns);
            restore.getMetadata().setLabels(labels(target));
            restore.getMetadata().getLabels().put(Labels.REQUEST, request);
            restore.setSpec(spec);
            restore.addOwnerReference(staging);
            return restore;
        }

        /** The target's labels (an operator sharded by labels owns these too) and the Staging's. */
        Map<String, String> labels(WordPressSite target) {
            Map<String, String> labels = Labels.inherited(target);
            labels.put(StagingJobs.STAGING_LABEL, staging.getMetadata().getName());
            labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
            return labels;
        }

        long notReady(String reason, String message, long again) {
            if (previous.stream().noneMatch(c -> READY.equals(c.getType()) && reason.equals(c.getReason()))
                    && !reason.equals("Creating")) {
                EventRecorder.warning(context.getClient(), staging, reason, message);
            }
            set(READY, false, reason, message);
            return again;
        }

        void create(HasMetadata object) {
            context.getClient().resource(object).create();
        }

        WordPressSite site(String name) {
            return context.getClient().resources(WordPressSite.class).inNamespace(ns).withName(name).get();
        }

        Optional<Job> job(String name) {
            return SyncRequests.find(context.getSecondaryResources(Job.class), name, staging, null);
        }

        String why(Job job, JobOutcome outcome) {
            return ToolResult.why(context.getClient(), job, outcome);
        }

        void set(String type, boolean value, String reason, String message) {
            status.setConditions(ConditionsBuilder.replace(status.getConditions(), previous,
                    staging.getMetadata().getGeneration(), clock, type, value, reason, message));
        }
    }

    static boolean inProgress(SyncStatus s) {
        return s != null && !List.of(SUCCEEDED, FAILED, ROLLED_BACK).contains(s.getOutcome());
    }

    static String message(List<Condition> conditions, String type) {
        return conditions == null ? "" : conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
                .map(Condition::getMessage).orElse("");
    }

    /** The fence holder: this Staging, by uid. */
    static String owner(Staging staging) {
        return QuiesceControl.holder(staging);
    }

    /** What an older operator wrote as the holder; taken over or lifted, never left behind. */
    static String legacyOwner(Staging staging) {
        return "Staging/" + staging.getMetadata().getName();
    }

    /** How long a push or pull waits for the target's fence and for its pods to stop before it ends as Failed. */
    static final long QUIESCE_DEADLINE_SECONDS = 600;

    private static SyncStatus copyOf(SyncStatus s) {
        if (s == null) {
            return null;
        }
        SyncStatus c = new SyncStatus();
        c.setId(s.getId());
        c.setRequest(s.getRequest());
        c.setOutcome(s.getOutcome());
        c.setMessage(s.getMessage());
        c.setCheckpoint(s.getCheckpoint());
        c.setCompletionTime(s.getCompletionTime());
        c.setStepTime(s.getStepTime());
        return c;
    }

    /**
     * Deleting a Staging midway must not leave the live site stopped, nor resume it while a copy Job still writes:
     * the fence is lifted once no Job of this Staging runs. Its own site and data go with it.
     */
    @Override
    public DeleteControl cleanup(Staging staging, Context<Staging> context) {
        boolean running = context.getSecondaryResources(Job.class).stream()
                .anyMatch(j -> JobOutcome.of(j).state() == JobOutcome.State.RUNNING);
        if (running) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(5_000);
        }
        var live = context.getClient().resources(WordPressSite.class).inNamespace(staging.getMetadata().getNamespace())
                .withName(staging.getSpec().getSiteRef().getName());
        WordPressSite current = live.get();
        if (current != null) {
            QuiesceControl.lift(context.getClient(), current, owner(staging), null);
            QuiesceControl.lift(context.getClient(), current, legacyOwner(staging), null);
        }
        return DeleteControl.defaultDelete();
    }
}
