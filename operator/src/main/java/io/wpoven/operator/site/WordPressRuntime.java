package io.wpoven.operator.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.WordPressRuntimeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressUpgradeStatus;
import io.wpoven.operator.api.v1alpha1.spec.SiteBackupSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.backup.BackupStatusBuilder;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.procedure.Check;
import io.wpoven.operator.procedure.Journal;
import io.wpoven.operator.procedure.Procedure;
import io.wpoven.operator.procedure.Step;
import io.wpoven.operator.site.dependent.WordPressDeploymentDependent;
import io.wpoven.operator.site.dependent.WordPressRuntimeJobs;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.SiteImages;

/**
 * A change of a site's WordPress image (spec.wordpress.phpVersion or image), a table of steps run by {@link Procedure}
 * ({@link #PROCEDURE}): a Job in the new image reads its PHP and core versions and the database's schema version;
 * when the new core needs a newer schema, the site is fenced (no WordPress pod, no wp-cron run), backed up (a Backup
 * to spec.backup's storage) and its database upgraded by a Job ({@code wp_upgrade()}); only then do the pods get the
 * new image (status.wordpress.image, which the WordPress Deployment and the wp-cron CronJob run), and the fence is
 * lifted. Every step's outcome is read back from the cluster (Jobs, the Backup, the fence), so a killed operator
 * resumes where status.wordpress.upgrade says. A failure lifts the fence and leaves the pods on the previous image.
 */
public final class WordPressRuntime {
    public static final String CHECKING = "Checking";
    public static final String QUIESCING = "Quiescing";
    public static final String BACKING_UP = "BackingUp";
    public static final String UPGRADING = "Upgrading";
    public static final String RELEASING = "Releasing";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    static final long LOOK_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WordPressRuntime() {
    }

    /** The image the site's WordPress pods run: the last one whose change succeeded, else (a new site) the spec's. */
    public static String image(WordPressSite site, OperatorConfig config) {
        WordPressRuntimeStatus runtime = site.getStatus() == null ? null : site.getStatus().getWordpress();
        return runtime != null && runtime.getImage() != null ? runtime.getImage() : SiteImages.wordpress(site, config);
    }

    /** The table, one row a step: name, when it applies, precondition, action, done-check, deadline, what follows. */
    static final Procedure<Run> PROCEDURE = new Procedure<>("WordPressImageChange", List.of(
            Step.<Run>named(CHECKING)
                    .requires(Run::installed)
                    .action(r -> r.startJob(WordPressRuntimeJobs.CHECK))
                    .doneWhen(Run::checked)
                    .deadline(jobDeadline(WordPressRuntimeJobs.CHECK)),
            Step.<Run>named(QUIESCING)
                    .appliesWhen(Run::upgradeNeeded)
                    .requires(Run::backupStorageAndFenceFree)
                    .action(Run::takeFence)
                    .doneWhen(Run::stopped)
                    .deadline(Duration.ofMinutes(5)),
            Step.<Run>named(BACKING_UP)
                    .appliesWhen(Run::upgradeNeeded)
                    .requires(Run::fenceHeld)
                    .action(Run::startBackup)
                    .doneWhen(Run::backedUp)
                    .deadline(Duration.ofHours(2)),
            Step.<Run>named(UPGRADING)
                    .appliesWhen(Run::upgradeNeeded)
                    .requires(Run::fenceHeld)
                    .action(r -> r.startJob(WordPressRuntimeJobs.UPGRADE))
                    .doneWhen(Run::upgraded)
                    .deadline(jobDeadline(WordPressRuntimeJobs.UPGRADE)),
            Step.<Run>named(RELEASING)
                    .action(Run::adopt)
                    .doneWhen(Run::released)
                    .deadline(Duration.ofMinutes(5))
                    .then(Run::liftFence)));

    private static Duration jobDeadline(String mode) {
        return Duration.ofSeconds(WordPressRuntimeJobs.deadlineSeconds(mode)).plus(JobOutcome.STEP_SLACK);
    }

    /** What one pass decided: the new status.wordpress and when to look again (0: no need). */
    public record Outcome(WordPressRuntimeStatus status, long again) {
    }

    /**
     * One pass for a site that the platform's policy admits: starts a change when the spec names another image than
     * the one the pods run (unless one is under way with its data steps), and advances the change under way.
     */
    public static Outcome step(WordPressSite site, KubernetesClient client, OperatorConfig config, Clock clock) {
        WordPressRuntimeStatus runtime = copy(site.getStatus() == null ? null : site.getStatus().getWordpress());
        String target = SiteImages.wordpress(site, config);
        if (runtime.getImage() == null) {
            // a new site (or one older than this operator): its pods run the spec's image from the start, the install
            // Job installs that core; the check below only reads the versions. A site whose status was lost keeps
            // the image its WordPress pods run: a newer one gets them only through the change below.
            runtime.setImage(runningImage(site, client).orElse(target));
        }
        WordPressUpgradeStatus change = runtime.getUpgrade();
        boolean underWay = change != null && !ended(change);
        if ((change == null || !target.equals(change.getImage())) && (!underWay || CHECKING.equals(change.getPhase()))) {
            String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            WordPressUpgradeStatus previous = change;
            change = new WordPressUpgradeStatus();
            change.setImage(target);
            change.setStartTime(now);
            runtime.setUpgrade(change);
            if (target.equals(runtime.getImage()) && runtime.getCoreVersion() != null) {
                // back to the image the pods run (after a failed change: setting that image again retries it)
                change.setPhase(SUCCEEDED);
                change.setReason("Unchanged");
                change.setMessage("The pods run " + target);
                change.setCompletionTime(now);
            } else {
                // a change to this image begun after the last one recorded has Jobs but no status (the write was
                // lost, or read back stale): the same change goes on, under the names of its Jobs
                startedBefore(site, client, target, previous).ifPresent(change::setStartTime);
                // recorded before its first Job: the Jobs are named from this start time, so an operator killed
                // between the Job's creation and the status write would otherwise make a second Job under a new name
                return new Outcome(runtime, 1);
            }
        }
        if (ended(change)) {
            return new Outcome(runtime, 0);
        }
        Run run = new Run(site, client, config, runtime, change);
        long again = PROCEDURE.advance(run, run, clock);
        return new Outcome(runtime, ended(change) ? 0 : again <= 0 ? LOOK_SECONDS : Math.min(again, LOOK_SECONDS));
    }

    /** The image of the php-fpm container of the site's WordPress Deployment, if it has one. */
    static Optional<String> runningImage(WordPressSite site, KubernetesClient client) {
        return Optional.ofNullable(client.apps().deployments().inNamespace(site.getMetadata().getNamespace())
                .withName(Names.wordpress(site)).get())
                .filter(d -> d.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> site.getMetadata().getUid().equals(o.getUid())))
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                        .filter(c -> WordPressDeploymentDependent.PHP_CONTAINER.equals(c.getName())).findFirst())
                .map(c -> c.getImage());
    }

    /**
     * The start time of a change to {@code image} that this site's Jobs name (annotation
     * {@link Labels#WORDPRESS_CHANGE}, owner this site) and that began after {@code previous}: the latest one.
     */
    static Optional<String> startedBefore(WordPressSite site, KubernetesClient client, String image,
            WordPressUpgradeStatus previous) {
        String after = previous == null || previous.getStartTime() == null ? "" : previous.getStartTime();
        String prefix = image + "@";
        return client.batch().v1().jobs().inNamespace(site.getMetadata().getNamespace())
                .withLabel(Labels.INSTANCE, site.getMetadata().getName()).list().getItems().stream()
                .filter(j -> j.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> site.getMetadata().getUid().equals(o.getUid())))
                .map(j -> j.getMetadata().getAnnotations() == null ? null
                        : j.getMetadata().getAnnotations().get(Labels.WORDPRESS_CHANGE))
                .filter(c -> c != null && c.startsWith(prefix))
                .map(c -> c.substring(prefix.length()))
                .filter(start -> start.compareTo(after) > 0)
                .max(String::compareTo);
    }

    static boolean ended(WordPressUpgradeStatus change) {
        return SUCCEEDED.equals(change.getPhase()) || FAILED.equals(change.getPhase());
    }

    /** One pass over the table for one change: what the steps read and do, and its journal (status.wordpress.upgrade). */
    static final class Run implements Journal {
        final WordPressSite site;
        final KubernetesClient client;
        final OperatorConfig config;
        final WordPressRuntimeStatus runtime;
        final WordPressUpgradeStatus change;
        final String ns;

        Run(WordPressSite site, KubernetesClient client, OperatorConfig config, WordPressRuntimeStatus runtime,
                WordPressUpgradeStatus change) {
            this.site = site;
            this.client = client;
            this.config = config;
            this.runtime = runtime;
            this.change = change;
            this.ns = site.getMetadata().getNamespace();
        }

        /** Names of this change's objects: the image and when the change began, so a later change never reuses them. */
        String request() {
            return change.getImage() + "@" + change.getStartTime();
        }

        String jobName(String mode) {
            return WordPressRuntimeJobs.CHECK.equals(mode) ? Names.wordpressCheckJob(site, request())
                    : Names.wordpressUpgradeJob(site, request());
        }

        /** The fence's holder: this site's image change. */
        String owner() {
            return "WordPressSite/" + site.getMetadata().getName() + "/" + site.getMetadata().getUid() + "/image-change";
        }

        Optional<Job> job(String mode) {
            return Optional.ofNullable(client.batch().v1().jobs().inNamespace(ns).withName(jobName(mode)).get());
        }

        // --- the steps ---

        /** WordPress is installed (the install Job succeeded): before that the database has no schema to read. */
        Check installed() {
            Job install = client.batch().v1().jobs().inNamespace(ns).withName(Names.installJob(site)).get();
            if (install == null || JobOutcome.of(install).state() != JobOutcome.State.SUCCEEDED) {
                return Check.waiting(LOOK_SECONDS, "Installing", "Waiting for the install Job " + Names.installJob(site));
            }
            return Check.MET;
        }

        void startJob(String mode) {
            if (job(mode).isEmpty()) {
                client.resource(WordPressRuntimeJobs.job(site, mode, jobName(mode), change.getImage(), request(),
                        config.images().pullSecrets())).create();
            }
        }

        /** A Job's report, once it has succeeded; Wait while it runs; Fail with its reason when it failed. */
        private Object report(String mode, String doing) {
            Optional<Job> job = job(mode);
            if (job.isEmpty()) {
                return Check.waiting(LOOK_SECONDS, "Starting", doing);
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            return switch (outcome.state()) {
                case RUNNING -> Check.waiting(LOOK_SECONDS, "Running", doing + " (Job " + jobName(mode) + ")");
                case FAILED -> Check.fail(mode.equals(WordPressRuntimeJobs.CHECK) ? "CheckFailed" : "UpgradeFailed",
                        "Job " + jobName(mode) + " failed: " + ToolResult.why(client, job.get(), outcome));
                case SUCCEEDED -> reportOf(job.get()).<Object>map(r -> r).orElse(Check.fail("NoReport",
                        "Job " + jobName(mode) + " ended without its report"));
            };
        }

        private Optional<JsonNode> reportOf(Job job) {
            return client.pods().inNamespace(ns).withLabel(ToolResult.CONTROLLER_UID_LABEL, job.getMetadata().getUid())
                    .list().getItems().stream().map(ToolResult::terminationMessage).flatMap(Optional::stream)
                    .map(WordPressRuntime::parse).flatMap(Optional::stream).findFirst();
        }

        Check checked() {
            Object report = report(WordPressRuntimeJobs.CHECK, "Reading the versions of " + change.getImage());
            if (report instanceof Check.Fail fail && "NoReport".equals(fail.reason())
                    && change.getImage().equals(runtime.getImage())) {
                // the image the pods already run: nothing depends on the versions (a cluster whose Jobs never run)
                return Check.done("NoReport", fail.message());
            }
            if (report instanceof Check check) {
                return check;
            }
            JsonNode r = (JsonNode) report;
            change.setPhpVersion(text(r, "php"));
            change.setCoreVersion(text(r, "core"));
            change.setImageDbVersion(number(r, "imageDbVersion"));
            change.setDbVersionBefore(number(r, "dbVersion"));
            change.setPhpRelease(text(r, "phpRelease"));
            Long image = change.getImageDbVersion();
            Long db = change.getDbVersionBefore();
            if (image != null && db != null && image < db) {
                return Check.fail("CoreOlderThanDatabase", "The core of " + change.getImage() + " (WordPress "
                        + change.getCoreVersion() + ", schema " + image + ") is older than the database (schema " + db
                        + "); WordPress cannot downgrade a database, so the pods keep " + runtime.getImage());
            }
            return Check.done("Checked", "PHP " + change.getPhpVersion() + ", WordPress " + change.getCoreVersion()
                    + " (schema " + image + "), database schema " + db);
        }

        boolean upgradeNeeded() {
            return change.getImageDbVersion() != null && change.getDbVersionBefore() != null
                    && change.getImageDbVersion() > change.getDbVersionBefore();
        }

        Check backupStorageAndFenceFree() {
            SiteBackupSpec backup = site.getSpec().getBackup();
            if (backup == null || backup.getStorage() == null) {
                return Check.fail("BackupStorageMissing", "spec.backup.storage: upgrading the database from schema "
                        + change.getDbVersionBefore() + " to " + change.getImageDbVersion() + " (WordPress "
                        + change.getCoreVersion() + ") backs the site up first, and the site names no backup storage;"
                        + " the pods keep " + runtime.getImage());
            }
            Optional<String> holder = Quiesce.by(site).filter(by -> !by.equals(owner()));
            if (holder.isPresent()) {
                return Check.waiting(LOOK_SECONDS, "SiteBusy", "The site is quiesced by " + holder.get());
            }
            return Check.MET;
        }

        void takeFence() {
            QuiesceControl.acquire(client, site, owner());
        }

        Check stopped() {
            if (Quiesce.by(site).filter(owner()::equals).isEmpty()) {
                return Check.waiting(1, "Fencing", "Taking the site's fence");
            }
            return QuiesceControl.stopped(client, site) ? Check.done("Quiesced", "No WordPress pod or wp-cron run left")
                    : Check.waiting(2, "Stopping", "Waiting for the WordPress pods and wp-cron runs to end");
        }

        /** This change holds the fence, or its upgrade already succeeded (a kill after the release began). */
        Check fenceHeld() {
            if (Quiesce.by(site).filter(owner()::equals).isPresent()
                    || job(WordPressRuntimeJobs.UPGRADE).map(j -> JobOutcome.of(j).state() == JobOutcome.State.SUCCEEDED).orElse(false)) {
                return Check.MET;
            }
            return Check.fail("FenceLost", "The site is no longer quiesced by its image change ("
                    + Quiesce.by(site).orElse("nobody") + " holds it); the database was not upgraded");
        }

        String backupName() {
            return Names.wordpressUpgradeBackup(site, request());
        }

        void startBackup() {
            if (client.resources(Backup.class).inNamespace(ns).withName(backupName()).get() != null) {
                return;
            }
            SiteRefSpec ref = new SiteRefSpec();
            ref.setName(site.getMetadata().getName());
            BackupSpec spec = new BackupSpec();
            spec.setSiteRef(ref);
            spec.setStorage(upgradeStorage(site, backupName()));
            spec.setInclude(site.getSpec().getBackup().getInclude());
            Backup backup = new Backup();
            backup.getMetadata().setName(backupName());
            backup.getMetadata().setNamespace(ns);
            java.util.Map<String, String> labels = Labels.inherited(site);
            labels.putAll(Labels.of(site, Component.BACKUP));
            backup.getMetadata().setLabels(labels);
            // not owned by the site: the database as it was outlives the site, like every other backup
            backup.setSpec(spec);
            client.resource(backup).create();
        }

        /**
         * The site's backup storage, in a folder of its own beside the site's scheduled Backup's (never inside it or
         * around it: two Backups may not share a prefix): &lt;prefix of the site's Backup&gt;-upgrades/&lt;this Backup&gt;.
         */
        static io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec upgradeStorage(WordPressSite site, String name) {
            var given = site.getSpec().getBackup().getStorage();
            var storage = new io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec();
            storage.setPersistentVolumeClaim(given.getPersistentVolumeClaim());
            storage.setS3(given.getS3());
            String siteBackup = given.getPrefix() != null ? given.getPrefix()
                    : site.getMetadata().getNamespace() + "/" + Names.siteBackup(site);
            storage.setPrefix(siteBackup + "-upgrades/" + name);
            return storage;
        }

        Check backedUp() {
            Backup backup = client.resources(Backup.class).inNamespace(ns).withName(backupName()).get();
            if (backup == null || backup.getStatus() == null) {
                return Check.waiting(LOOK_SECONDS, "BackingUp", "Backup " + backupName() + " starting");
            }
            var conditions = backup.getStatus().getConditions();
            if (conditions.stream().anyMatch(c -> BackupStatusBuilder.COMPLETE.equals(c.getType()) && "True".equals(c.getStatus()))
                    && backup.getStatus().getLatestArtifact() != null) {
                change.setBackup(backupName());
                return Check.done("BackedUp", "Backup " + backupName() + " wrote artifact "
                        + backup.getStatus().getLatestArtifact().getName());
            }
            Optional<String> failed = conditions.stream()
                    .filter(c -> BackupStatusBuilder.FAILED.equals(c.getType()) && "True".equals(c.getStatus()))
                    .map(c -> c.getMessage()).findFirst();
            if (failed.isPresent()) {
                return Check.fail("BackupFailed", "Backup " + backupName() + " failed, so the database was not"
                        + " upgraded: " + failed.get());
            }
            return Check.waiting(LOOK_SECONDS, "BackingUp", "Backup " + backupName() + " running");
        }

        Check upgraded() {
            Object report = report(WordPressRuntimeJobs.UPGRADE, "Upgrading the database to schema " + change.getImageDbVersion());
            if (report instanceof Check check) {
                return check;
            }
            JsonNode r = (JsonNode) report;
            change.setDbVersionAfter(number(r, "dbVersion"));
            if (!java.util.Objects.equals(change.getDbVersionAfter(), change.getImageDbVersion())) {
                return Check.fail("UpgradeIncomplete", "The database is at schema " + change.getDbVersionAfter()
                        + " after the upgrade; WordPress " + change.getCoreVersion() + " needs " + change.getImageDbVersion());
            }
            return Check.done("Upgraded", "Database upgraded from schema " + change.getDbVersionBefore() + " to "
                    + change.getDbVersionAfter());
        }

        /** Once the status naming the new image is written, so that no pod starts on the old one after the upgrade. */
        void liftFence() {
            QuiesceControl.lift(client, site, owner(), null);
        }

        /** The pods get the new image: status.wordpress.image, written at the end of this pass. */
        void adopt() {
            runtime.setImage(change.getImage());
            if (change.getPhpVersion() != null) {
                runtime.setPhpVersion(change.getPhpVersion());
                runtime.setCoreVersion(change.getCoreVersion());
                runtime.setPhpRelease(change.getPhpRelease());
                runtime.setDbVersion(change.getDbVersionAfter() != null ? change.getDbVersionAfter() : change.getDbVersionBefore());
            }
        }

        /** status.wordpress.image names the new image in the site as stored (a pass wrote it). */
        Check released() {
            WordPressRuntimeStatus stored = site.getStatus() == null ? null : site.getStatus().getWordpress();
            return stored != null && change.getImage().equals(stored.getImage())
                    ? Check.done("Released", "The pods run " + change.getImage())
                    : Check.waiting(1, "Releasing", "Recording the new image in status");
        }

        // --- the journal: status.wordpress.upgrade ---

        @Override
        public String step() {
            return change.getPhase();
        }

        @Override
        public Instant stepStarted() {
            return change.getStepTime() == null ? null : Instant.parse(change.getStepTime());
        }

        @Override
        public void entered(String step, Instant now) {
            change.setPhase(step);
            change.setStepTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
            change.setReason(null);
            change.setMessage(null);
            if (QUIESCING.equals(step)) {
                EventRecorder.normal(client, site, "DatabaseUpgradeStarted", "WordPress " + change.getCoreVersion() + " in "
                        + change.getImage() + " needs database schema " + change.getImageDbVersion() + " (the database has "
                        + change.getDbVersionBefore() + "): quiescing the site, backing it up, then upgrading");
            }
        }

        @Override
        public void waiting(String step, Check.Wait wait) {
            change.setReason(wait.reason());
            change.setMessage(wait.message());
        }

        @Override
        public void done(String step, Check.Done done) {
            change.setReason(done.reason());
            change.setMessage(done.message());
        }

        @Override
        public void failed(String step, String reason, String message) {
            QuiesceControl.lift(client, site, owner(), null);
            change.setPhase(FAILED);
            change.setReason(reason);
            change.setMessage(message + " (at " + step + ")");
            change.setCompletionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            EventRecorder.warning(client, site, "WordPressImageChangeFailed", change.getMessage());
        }

        @Override
        public void compensating(String step, String reason, String message) {
            failed(step, reason, message);
        }

        @Override
        public void finished(String last) {
            adopt();
            boolean upgraded = change.getDbVersionAfter() != null;
            change.setPhase(SUCCEEDED);
            change.setReason(upgraded ? "Upgraded" : "Checked");
            change.setMessage(upgraded ? "Database upgraded from schema " + change.getDbVersionBefore() + " to "
                    + change.getDbVersionAfter() + " after Backup " + change.getBackup() + "; the pods run " + change.getImage()
                    : "The pods run " + change.getImage() + (change.getPhpVersion() == null ? ""
                            : " (PHP " + change.getPhpVersion() + ", WordPress " + change.getCoreVersion() + ")"));
            change.setCompletionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            if (upgraded) {
                EventRecorder.normal(client, site, "DatabaseUpgraded", change.getMessage());
            }
        }
    }

    static Optional<JsonNode> parse(String message) {
        try {
            JsonNode node = JSON.readTree(message.trim());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : null;
    }

    private static Long number(JsonNode r, String field) {
        return r.hasNonNull(field) && r.get(field).canConvertToLong() ? r.get(field).asLong() : null;
    }

    static WordPressRuntimeStatus copy(WordPressRuntimeStatus status) {
        WordPressRuntimeStatus copy = status == null ? new WordPressRuntimeStatus() : JSON.convertValue(status, WordPressRuntimeStatus.class);
        return copy;
    }
}
