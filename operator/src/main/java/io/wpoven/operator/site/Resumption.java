package io.wpoven.operator.site;

import java.time.Duration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.procedure.Check;

/**
 * The last step of a procedure that overwrote a site's data (a restore, an import, a staging push or pull): its fence
 * was lifted with a cache purge request, and the step is done once the site answered the purge and serves again (a
 * WordPress pod of the Deployment's new generation ready, {@link QuiesceControl#serving}), so "Succeeded" means the
 * site answers with the new data. Neither withholds success from data already written: a purge not answered within
 * {@value #PURGE_WAIT_SECONDS} s, or no pod ready within {@value #SERVING_WAIT_SECONDS} s, ends the step with a note
 * saying what to look at.
 */
public final class Resumption {
    /** How long to wait for the site to answer the cache purge. */
    public static final long PURGE_WAIT_SECONDS = 120;
    /** How long to wait for a WordPress pod to be ready again. */
    public static final long SERVING_WAIT_SECONDS = 300;
    /** The step's deadline: after both waits, with room to spare (the waits end the step first). */
    public static final Duration DEADLINE = Duration.ofSeconds(Math.max(PURGE_WAIT_SECONDS, SERVING_WAIT_SECONDS) + 60);

    /** The step's check, and the note for the procedure's final message ("" when all went well). */
    public record Outcome(Check check, String note) {
    }

    private Resumption() {
    }

    /**
     * @param purgeRequest  the request the fence was lifted with ({@link CachePurgeRequests#ANNOTATION})
     * @param secondsInStep how long the step has run
     */
    public static Outcome check(KubernetesClient client, WordPressSite target, String purgeRequest, long secondsInStep) {
        var purge = target.getStatus() == null ? null : target.getStatus().getCachePurge();
        boolean answered = purge != null && purgeRequest.equals(purge.getRequest());
        if (!answered && secondsInStep <= PURGE_WAIT_SECONDS) {
            return new Outcome(Check.waiting(3, "Requested", "Purging the site's caches"), "");
        }
        boolean serving = QuiesceControl.serving(client, target);
        if (!serving && secondsInStep <= SERVING_WAIT_SECONDS) {
            return new Outcome(Check.waiting(3, "Starting", (answered ? "Caches purged; waiting" : "Waiting")
                    + " for a WordPress pod of " + target.getMetadata().getName() + " to be ready"), "");
        }
        boolean ok = answered && CachePurgeRequests.SUCCEEDED.equals(purge.getOutcome());
        String note = answered ? (ok ? "" : "; the cache purge failed (" + purge.getMessage() + "): purge again from the site")
                : "; the caches may still hold old pages: purge them from the site";
        if (!serving) {
            note += "; no WordPress pod was ready within " + SERVING_WAIT_SECONDS + " s: see the site's conditions";
        }
        Check done = answered ? new Check.Done(ok, purge.getOutcome(), purge.getMessage())
                : new Check.Done(false, "NoAnswer", "The site did not answer the cache purge within " + PURGE_WAIT_SECONDS + " s");
        return new Outcome(done, note);
    }
}
