package io.wpoven.operator.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.CredentialRotationStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.jobs.JobOutcome;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.site.dependent.SiteSecretDependent;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * Credential rotation, asked for with {@code kubectl annotate wps blog wpoven.io/rotate-credentials=$(date +%s)
 * --overwrite}: the database user's password changes in MariaDB and in the site's Secret together. Steps, each read
 * back from objects so a killed operator resumes where it was:
 * <ol>
 * <li>Quiescing: the site's fence (holder {@code CredentialRotation/<site>/<uid>}) and no WordPress pod left; a new
 * password is put into the Secret beside the old one ({@value SiteSecretDependent#DB_PASSWORD_NEXT});</li>
 * <li>Rotating: a tool Job sets it in MariaDB (run again, it changes nothing);</li>
 * <li>Swapping: the new password replaces the old in the Secret, the fence goes, and the WordPress pods start with
 * it (a site with exporters also rolls its MariaDB pod, whose exporter logs in as the user).</li>
 * </ol>
 * A failure or a step over its deadline ends it as Failed with the old password still valid and the site resumed.
 */
public final class CredentialRotation {
    private CredentialRotation() {
    }

    public static final String ANNOTATION = "wpoven.io/rotate-credentials";
    public static final String QUIESCING = "Quiescing";
    public static final String ROTATING = "Rotating";
    public static final String SWAPPING = "Swapping";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    static final long STEP_DEADLINE_SECONDS = 600;
    static final long JOB_DEADLINE_SECONDS = 300;

    public static boolean inProgress(CredentialRotationStatus s) {
        return s != null && !SUCCEEDED.equals(s.getOutcome()) && !FAILED.equals(s.getOutcome());
    }

    /** The fence holder of this site's rotations. */
    static String holder(WordPressSite site) {
        return "CredentialRotation/" + site.getMetadata().getName() + "/" + site.getMetadata().getUid();
    }

    /** The rotation Job of one request. */
    static String jobName(WordPressSite site, String request) {
        return Names.rotationJob(site, request);
    }

    /** One pass: the rotation's status to report (empty: never asked for). */
    public static Optional<CredentialRotationStatus> step(WordPressSite site, KubernetesClient client, io.wpoven.operator.jobs.ToolJobSettings toolImage,
            Clock clock) {
        String wanted = site.getMetadata().getAnnotations() == null ? null : site.getMetadata().getAnnotations().get(ANNOTATION);
        CredentialRotationStatus last = site.getStatus() == null ? null : site.getStatus().getCredentialRotation();
        CredentialRotationStatus s = last == null ? null : last.copy();
        if (wanted != null && !wanted.isBlank() && !inProgress(s) && (s == null || !wanted.equals(s.getRequest()))) {
            s = new CredentialRotationStatus();
            s.setRequest(wanted);
            if (site.getSpec().getDatabase().getManaged() == null) {
                return Optional.of(finish(s, FAILED, "Only the managed database's password is rotated; an external"
                        + " database's credentials are its owner's", clock, site, client));
            }
            step(s, QUIESCING, "Stopping the WordPress pods to change the database password", clock);
            EventRecorder.normal(client, site, "CredentialRotationStarted", "Rotating the database password (" + wanted + ")");
            return Optional.of(s);
        }
        if (!inProgress(s)) {
            return Optional.ofNullable(s);
        }
        return Optional.of(switch (s.getOutcome()) {
            case QUIESCING -> quiescing(s, site, client, clock);
            case ROTATING -> rotating(s, site, client, toolImage, clock);
            case SWAPPING -> swapping(s, site, client, clock);
            default -> s;
        });
    }

    private static CredentialRotationStatus quiescing(CredentialRotationStatus s, WordPressSite site, KubernetesClient client,
            Clock clock) {
        boolean late = seconds(s, clock) > STEP_DEADLINE_SECONDS;
        if (!QuiesceControl.acquire(client, site, holder(site))) {
            if (late) {
                return finish(s, FAILED, "Nothing was changed: the site stayed quiesced by "
                        + Quiesce.by(site).orElse("someone else") + " for " + STEP_DEADLINE_SECONDS + " s", clock, site, client);
            }
            s.setMessage("Waiting: the site is quiesced by " + Quiesce.by(site).orElse("someone else"));
            return s;
        }
        if (!QuiesceControl.stopped(client, site)) {
            if (late) {
                QuiesceControl.lift(client, site, holder(site), null);
                return finish(s, FAILED, "Nothing was changed: WordPress pods were still running after "
                        + STEP_DEADLINE_SECONDS + " s; the site was resumed", clock, site, client);
            }
            return s;
        }
        var secret = client.secrets().inNamespace(site.getMetadata().getNamespace()).withName(Names.secret(site));
        Secret current = secret.get();
        if (current == null) {
            QuiesceControl.lift(client, site, holder(site), null);
            return finish(s, FAILED, "The site's Secret " + Names.secret(site) + " is missing", clock, site, client);
        }
        if (current.getData() == null || !current.getData().containsKey(SiteSecretDependent.DB_PASSWORD_NEXT)) {
            String next = Base64.getEncoder().encodeToString(SiteSecretDependent.random(32).getBytes(StandardCharsets.UTF_8));
            secret.edit(x -> {
                x.getData().put(SiteSecretDependent.DB_PASSWORD_NEXT, next);
                return x;
            });
        }
        step(s, ROTATING, "Setting the new password in MariaDB", clock);
        return s;
    }

    private static CredentialRotationStatus rotating(CredentialRotationStatus s, WordPressSite site, KubernetesClient client,
            io.wpoven.operator.jobs.ToolJobSettings toolImage, Clock clock) {
        String name = jobName(site, s.getRequest());
        var jobs = client.batch().v1().jobs().inNamespace(site.getMetadata().getNamespace());
        Job job = jobs.withName(name).get();
        if (job == null) {
            if (!Quiesce.by(site).filter(holder(site)::equals).isPresent()) {
                dropNext(site, client);
                return finish(s, FAILED, "Nothing was changed: the site is no longer quiesced by this rotation ("
                        + Quiesce.by(site).orElse("nobody") + " holds it)", clock, site, client);
            }
            jobs.resource(job(site, name, toolImage)).create();
            return s;
        }
        JobOutcome outcome = JobOutcome.of(job);
        if (outcome.state() == JobOutcome.State.RUNNING) {
            return s;
        }
        if (outcome.state() == JobOutcome.State.FAILED) {
            dropNext(site, client);
            QuiesceControl.lift(client, site, holder(site), null);
            return finish(s, FAILED, "The password was not changed (" + ToolResult.why(client, job, outcome)
                    + "); the old one stays valid and the site was resumed", clock, site, client);
        }
        step(s, SWAPPING, "MariaDB has the new password; putting it into the Secret", clock);
        return s;
    }

    private static CredentialRotationStatus swapping(CredentialRotationStatus s, WordPressSite site, KubernetesClient client,
            Clock clock) {
        var secret = client.secrets().inNamespace(site.getMetadata().getNamespace()).withName(Names.secret(site));
        Secret current = secret.get();
        if (current != null && current.getData() != null && current.getData().containsKey(SiteSecretDependent.DB_PASSWORD_NEXT)) {
            secret.edit(x -> {
                x.getData().put(SiteSecretDependent.DB_PASSWORD, x.getData().remove(SiteSecretDependent.DB_PASSWORD_NEXT));
                return x;
            });
        }
        QuiesceControl.lift(client, site, holder(site), null);
        return finish(s, SUCCEEDED, "The password of database user " + Names.DATABASE_USER + " was changed in MariaDB and"
                + " in Secret " + Names.secret(site) + "; WordPress starts again with it", clock, site, client);
    }

    static Job job(WordPressSite site, String name, io.wpoven.operator.jobs.ToolJobSettings toolImage) {
        ToolPods.Builder pod = ToolPods.builder(toolImage, ToolPods.Command.ROTATE_PASSWORD, site, java.util.Map.of())
                .database("", site)
                .env("TARGET_USER", Names.DATABASE_USER)
                .envFromSecret("NEW_PASSWORD", Names.secret(site), SiteSecretDependent.DB_PASSWORD_NEXT);
        Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.TOOL)).endMetadata()
                .withSpec(pod.jobSpec(JOB_DEADLINE_SECONDS)).build();
        job.addOwnerReference(site);
        return job;
    }

    private static void dropNext(WordPressSite site, KubernetesClient client) {
        var secret = client.secrets().inNamespace(site.getMetadata().getNamespace()).withName(Names.secret(site));
        Secret current = secret.get();
        if (current != null && current.getData() != null && current.getData().containsKey(SiteSecretDependent.DB_PASSWORD_NEXT)) {
            secret.edit(x -> {
                x.getData().remove(SiteSecretDependent.DB_PASSWORD_NEXT);
                return x;
            });
        }
    }

    private static void step(CredentialRotationStatus s, String outcome, String message, Clock clock) {
        s.setOutcome(outcome);
        s.setMessage(message);
        s.setStepTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static long seconds(CredentialRotationStatus s, Clock clock) {
        return s.getStepTime() == null ? 0 : ChronoUnit.SECONDS.between(Instant.parse(s.getStepTime()), Instant.now(clock));
    }

    private static CredentialRotationStatus finish(CredentialRotationStatus s, String outcome, String message, Clock clock,
            WordPressSite site, KubernetesClient client) {
        s.setOutcome(outcome);
        s.setMessage(message);
        s.setStepTime(null);
        s.setCompletionTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        if (SUCCEEDED.equals(outcome)) {
            EventRecorder.normal(client, site, "CredentialsRotated", message);
        } else {
            EventRecorder.warning(client, site, "CredentialRotationFailed", message);
        }
        return s;
    }
}
