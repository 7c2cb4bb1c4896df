package io.wpoven.operator.code;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.CodeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.GitCodeSpec;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.procedure.Check;
import io.wpoven.operator.procedure.Journal;
import io.wpoven.operator.procedure.Procedure;
import io.wpoven.operator.procedure.Step;
import io.wpoven.operator.site.CachePurgeRequests;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.QuiesceControl;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.CredentialSecrets;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * Git deployment of spec.code.git (docs/git-deploy.md). Between deploys, the ref is resolved every pollInterval off
 * the reconcile thread ({@link RefPoller}); a commit other than the one serving starts a deploy, a table of steps
 * ({@link #PROCEDURE}) whose place is status.code.phase:
 * <ol>
 * <li>Deploying: one tool Job (one at a time per site) writes the commit's release, switches the path's symlink to
 * it by an atomic rename and prunes old releases; each part is skipped when done, so a killed Job or operator
 * resumes safely. It does not stop the site (readers see the old release or the new one), but it waits while the
 * site's fence is held (a restore or push is rewriting wp-content);</li>
 * <li>Purging: once PHP can have seen the new files (opcache revalidates every 2 s), the page cache is emptied through
 * the one-click purge ({@link CachePurgeRequests}).</li>
 * </ol>
 * A failure (bad ref, unreachable repository, failed checkout) leaves the serving release alone and reports why in the
 * CodeDeployed condition; a failed commit is not tried again until the ref moves or the spec changes.
 */
public final class CodeDeploys {
    public static final String CONDITION = "CodeDeployed";
    public static final String DEPLOYING = "Deploying";
    public static final String PURGING = "Purging";
    public static final String REASON_DEPLOYED = "Deployed";
    public static final String REASON_DEPLOYING = "Deploying";
    public static final String REASON_RESOLVING = "Resolving";
    public static final String REASON_CHECKOUT_FAILED = "CheckoutFailed";
    public static final String REASON_SITE_BUSY = "SiteBusy";
    /** The keys of a credentials Secret (those of a kubernetes.io/basic-auth Secret). */
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    /**
     * PHP's opcache.revalidate_freq (2 s) and a second: PHP serves the new files before the page cache is emptied (a
     * Git-deployed site's php.ini has no realpath cache, PhpIni, so no worker keeps resolving the old release).
     */
    static final long SETTLE_SECONDS = 3;
    static final long PURGE_WAIT_SECONDS = 60;
    static final int LS_REMOTE_TIMEOUT_SECONDS = 20;

    private final RefPoller poller;
    private final Clock clock;

    public CodeDeploys(RefPoller poller, Clock clock) {
        this.poller = poller;
        this.clock = clock;
    }

    public CodeDeploys() {
        this(new RefPoller(2, 256, Clock.systemUTC()), Clock.systemUTC());
    }

    /** The status to report and the seconds until the next look (0: none needed). */
    public record Pass(CodeStatus status, long again) {
    }

    static final Procedure<Run> PROCEDURE = new Procedure<>("CodeDeploy", List.of(
            Step.<Run>named(DEPLOYING)
                    .requires(Run::siteNotFenced)
                    .action(Run::startJob)
                    .doneWhen(Run::deployed)
                    .deadline(Duration.ofSeconds(CodeJobs.TIMEOUT_SECONDS + 120)),
            Step.<Run>named(PURGING)
                    .action(Run::askPurge)
                    .doneWhen(Run::purged)
                    .deadline(Duration.ofSeconds(PURGE_WAIT_SECONDS * 2))));

    /** One pass for one site: empty status when the site has no spec.code.git. */
    public Pass step(WordPressSite site, KubernetesClient client, ToolJobSettings tool) {
        GitCodeSpec git = site.getSpec().getCode() == null ? null : site.getSpec().getCode().getGit();
        CodeStatus previous = site.getStatus() == null ? null : site.getStatus().getCode();
        if (git == null) {
            poller.forget(site.getMetadata().getUid());
            return new Pass(null, 0);
        }
        CodeStatus s = previous == null ? new CodeStatus() : previous.copy();
        Run run = new Run(site, git, client, tool, s, clock);
        long again = run.pass(poller);
        if (!Objects.equals(reason(previous), s.getReason())) {
            boolean good = REASON_DEPLOYED.equals(s.getReason()) || REASON_DEPLOYING.equals(s.getReason())
                    || REASON_RESOLVING.equals(s.getReason());
            if (!good) {
                EventRecorder.warning(client, site, s.getReason(), s.getMessage());
            }
        }
        return new Pass(s, again);
    }

    public void forget(WordPressSite site) {
        poller.forget(site.getMetadata().getUid());
    }

    /** conditions with CodeDeployed set from the code status (removed when there is none). */
    public static List<Condition> withCondition(List<Condition> conditions, List<Condition> previous, long generation,
            Clock clock, CodeStatus code) {
        if (code == null || code.getReason() == null) {
            return conditions.stream().filter(c -> !CONDITION.equals(c.getType())).toList();
        }
        return ConditionsBuilder.replace(conditions, previous == null ? List.of() : previous, generation, clock, CONDITION,
                REASON_DEPLOYED.equals(code.getReason()), code.getReason(), code.getMessage());
    }

    private static String reason(CodeStatus s) {
        return s == null ? null : s.getReason();
    }

    /** Where a spec serves: the path, and the subPath after a colon. */
    static String source(GitCodeSpec git) {
        return git.getPath() + (git.getSubPath() == null ? "" : ":" + git.getSubPath());
    }

    /** One pass of one site's Git deployment: what the steps read and do, and its journal (status.code). */
    static final class Run implements Journal {
        final WordPressSite site;
        final GitCodeSpec git;
        final KubernetesClient client;
        final ToolJobSettings tool;
        final CodeStatus s;
        final Clock clock;
        String note = "";

        Run(WordPressSite site, GitCodeSpec git, KubernetesClient client, ToolJobSettings tool, CodeStatus s, Clock clock) {
            this.site = site;
            this.git = git;
            this.client = client;
            this.tool = tool;
            this.s = s;
            this.clock = clock;
        }

        long pass(RefPoller poller) {
            if (s.getPhase() != null) {
                return Math.max(1, PROCEDURE.advance(this, this, clock));
            }
            Optional<Secret> secret = Optional.empty();
            if (git.getCredentialsSecret() != null) {
                String name = git.getCredentialsSecret().getName();
                Secret found = client.secrets().inNamespace(ns()).withName(name).get();
                Optional<String> refused = CredentialSecrets.refusal(found == null ? null : found.getMetadata().getLabels(),
                        found != null, name, CredentialSecrets.GIT, "spec.code.git.credentialsSecret");
                if (refused.isPresent()) {
                    report(CredentialSecrets.REASON, refused.get() + "; nothing is fetched" + stillServing());
                    return interval().toSeconds();
                }
                secret = Optional.of(found);
            }
            String uid = site.getMetadata().getUid();
            RefPoller.Key key = new RefPoller.Key(git.getRepository(), git.getRef(),
                    secret.map(x -> x.getMetadata().getResourceVersion()).orElse(null));
            CredentialsProvider credentials = secret.map(CodeDeploys::credentials).orElse(null);
            Optional<GitRemote.Resolution> answer = poller.latest(uid, key, interval(),
                    () -> GitRemote.resolve(git.getRepository(), git.getRef(), credentials, LS_REMOTE_TIMEOUT_SECONDS));
            long due = poller.secondsUntilDue(uid, interval());
            return decide(answer) ? Math.max(1, PROCEDURE.advance(this, this, clock)) : due;
        }

        /** Between deploys, from the ref's last answer: report it, or start a deploy (true). */
        boolean decide(Optional<GitRemote.Resolution> answer) {
            if (answer.isEmpty()) {
                if (s.getReason() == null) {
                    report(REASON_RESOLVING, "Asking " + git.getRepository() + " what " + refName() + " points at");
                }
                return false;
            }
            GitRemote.Resolution r = answer.get();
            if (!r.found()) {
                report(r.reason(), r.message() + stillServing());
                return false;
            }
            if (r.commit().equals(s.getCommit()) && source(git).equals(s.getSource())) {
                s.setRef(refName());
                s.setFailedCommit(null);
                s.setFailedGeneration(null);
                report(REASON_DEPLOYED, "Commit " + s.getCommit() + " of " + refName() + " serves at " + git.getPath());
                return false;
            }
            if (r.commit().equals(s.getFailedCommit()) && Objects.equals(generation(), s.getFailedGeneration())) {
                return false; // failed before: the condition keeps saying why, until the ref moves or the spec changes
            }
            s.setTarget(r.commit());
            s.setTargetRef(refName());
            s.setDeployments((s.getDeployments() == null ? 0 : s.getDeployments()) + 1);
            EventRecorder.normal(client, site, "CodeDeploying", "Deploying commit " + r.commit() + " of " + refName()
                    + " to " + git.getPath());
            return true;
        }

        // --- the steps ---

        /** A restore or push rewrites wp-content under the site's fence: no deploy starts meanwhile. */
        Check siteNotFenced() {
            if (job().isPresent() || Quiesce.by(site).isEmpty()) {
                return Check.MET;
            }
            return Check.waiting(5, REASON_SITE_BUSY, "Waiting: site " + site.getMetadata().getName() + " is quiesced by "
                    + Quiesce.by(site).get() + stillServing());
        }

        /** Creates this deploy's Job once no other deploy Job of the site runs (one writer at a time). */
        void startJob() {
            if (job().isPresent() || running().isPresent()) {
                return;
            }
            client.resource(CodeJobs.deploy(site, git, s.getTarget(), s.getDeployments(), tool)).create();
        }

        Check deployed() {
            Optional<Job> job = job();
            if (job.isEmpty()) {
                return running().map(other -> Check.waiting(2, REASON_DEPLOYING, "Waiting for deploy Job "
                        + other.getMetadata().getName() + " to end")).orElseGet(() -> Check.waiting(1, REASON_DEPLOYING,
                                "Starting the deploy Job of commit " + s.getTarget()));
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            return switch (outcome.state()) {
                case RUNNING -> Check.waiting(2, REASON_DEPLOYING, "Fetching commit " + s.getTarget() + " and switching "
                        + git.getPath() + " to it" + stillServing());
                case FAILED -> Check.fail(REASON_CHECKOUT_FAILED, "Deploying commit " + s.getTarget() + " failed: "
                        + ToolResult.why(client, job.get(), outcome));
                case SUCCEEDED -> Check.done("Switched", git.getPath() + " serves commit " + s.getTarget());
            };
        }

        /** Asks the site for a page cache purge once PHP serves the new files (a lift of a fence it never holds). */
        void askPurge() {
            if (secondsInStep() >= SETTLE_SECONDS) {
                QuiesceControl.lift(client, site, "CodeDeploy/" + site.getMetadata().getName(), purgeRequest());
            }
        }

        Check purged() {
            var purge = site.getStatus() == null ? null : site.getStatus().getCachePurge();
            if (purge != null && purgeRequest().equals(purge.getRequest())) {
                boolean ok = CachePurgeRequests.SUCCEEDED.equals(purge.getOutcome());
                note = ok ? "" : "; the page cache purge failed (" + purge.getMessage() + "): purge it from the site";
                return new Check.Done(ok, purge.getOutcome(), purge.getMessage());
            }
            if (secondsInStep() > PURGE_WAIT_SECONDS) {
                note = "; the page cache may still hold old pages: purge it from the site";
                return new Check.Done(false, "NoAnswer", "no answer to the purge");
            }
            return Check.waiting(1, REASON_DEPLOYING, "Purging the page cache");
        }

        // --- the journal: status.code ---

        @Override
        public String step() {
            return s.getPhase();
        }

        @Override
        public Instant stepStarted() {
            return s.getStepTime() == null ? null : Instant.parse(s.getStepTime());
        }

        @Override
        public void entered(String step, Instant now) {
            s.setPhase(step);
            s.setStepTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
            report(REASON_DEPLOYING, DEPLOYING.equals(step) ? "Deploying commit " + s.getTarget() + stillServing()
                    : "Commit " + s.getTarget() + " switched in; purging the page cache");
        }

        @Override
        public void waiting(String step, Check.Wait wait) {
            report(REASON_SITE_BUSY.equals(wait.reason()) ? REASON_SITE_BUSY : REASON_DEPLOYING, wait.message());
        }

        @Override
        public void done(String step, Check.Done done) {
            if (DEPLOYING.equals(step)) {
                // from here on the new commit serves, whatever the purge says
                s.setPreviousCommit(Objects.equals(s.getCommit(), s.getTarget()) ? s.getPreviousCommit() : s.getCommit());
                s.setCommit(s.getTarget());
                s.setRef(s.getTargetRef());
                s.setSource(source(git));
                s.setDeployTime(now());
            }
        }

        @Override
        public void compensating(String step, String reason, String message) {
            failed(step, reason, message);
        }

        @Override
        public void failed(String step, String reason, String message) {
            if (PURGING.equals(step)) {
                finished(step); // the commit serves; only the purge went wrong
                return;
            }
            s.setFailedCommit(s.getTarget());
            s.setFailedGeneration(generation());
            clear();
            report(reason, message + stillServing());
            EventRecorder.warning(client, site, "CodeDeployFailed", s.getMessage());
        }

        @Override
        public void finished(String last) {
            clear();
            s.setFailedCommit(null);
            s.setFailedGeneration(null);
            report(REASON_DEPLOYED, "Commit " + s.getCommit() + " of " + s.getRef() + " serves at " + git.getPath() + note);
            EventRecorder.normal(client, site, "CodeDeployed", s.getMessage());
        }

        private void clear() {
            s.setPhase(null);
            s.setStepTime(null);
            s.setTarget(null);
            s.setTargetRef(null);
        }

        void report(String reason, String message) {
            s.setReason(reason);
            s.setMessage(message);
        }

        Optional<Job> job() {
            String name = Names.codeJob(site, s.getTarget(), s.getDeployments() == null ? 0 : s.getDeployments());
            return Optional.ofNullable(client.batch().v1().jobs().inNamespace(ns()).withName(name).get());
        }

        /** Another deploy Job of this site that has not ended. */
        Optional<Job> running() {
            String mine = Names.codeJob(site, s.getTarget(), s.getDeployments() == null ? 0 : s.getDeployments());
            return client.batch().v1().jobs().inNamespace(ns()).withLabel(Labels.CODE_DEPLOY, site.getMetadata().getName())
                    .list().getItems().stream().filter(j -> !mine.equals(j.getMetadata().getName()))
                    .filter(j -> JobOutcome.of(j).state() == JobOutcome.State.RUNNING).findFirst();
        }

        String purgeRequest() {
            return "code-" + s.getTarget().substring(0, 12) + "-" + s.getDeployments();
        }

        String refName() {
            return git.getRef() == null ? "the default branch" : git.getRef();
        }

        String stillServing() {
            return s.getCommit() == null ? "" : "; commit " + s.getCommit() + " still serves";
        }

        Duration interval() {
            return Duration.ofSeconds(git.getPollIntervalSeconds() == null ? 60 : git.getPollIntervalSeconds());
        }

        Long generation() {
            return site.getMetadata().getGeneration();
        }

        long secondsInStep() {
            return s.getStepTime() == null ? 0 : ChronoUnit.SECONDS.between(Instant.parse(s.getStepTime()), clock.instant());
        }

        String ns() {
            return site.getMetadata().getNamespace();
        }

        String now() {
            return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        }
    }

    static CredentialsProvider credentials(Secret secret) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String user = decode(data.get(USERNAME_KEY));
        String password = decode(data.get(PASSWORD_KEY));
        return password == null ? null : new UsernamePasswordCredentialsProvider(user == null ? "git" : user, password);
    }

    private static String decode(String value) {
        return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
