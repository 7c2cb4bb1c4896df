package io.wpoven.operator.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Secret;
import io.wpoven.operator.api.v1alpha1.CachePurgeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.cache.CachePurger;
import io.wpoven.operator.site.dependent.SiteSecretDependent;

/**
 * One-click purge: {@code kubectl annotate wps blog wpoven.io/purge-cache=$(date +%s) --overwrite}. A new value of
 * the annotation empties every Varnish pod of the site once; status.cachePurge answers it (the request, the outcome, why).
 * A failed purge is reported, not retried: set a new value to try again.
 */
public final class CachePurgeRequests {
    public static final String ANNOTATION = "wpoven.io/purge-cache";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private final CachePurger purger;
    private final Function<WordPressSite, List<CachePurger.Replica>> varnish;

    /** @param varnish where a site's Varnish answers: each ready pod ({@link io.wpoven.operator.cache.VarnishReplicas}) */
    public CachePurgeRequests(CachePurger purger, Function<WordPressSite, List<CachePurger.Replica>> varnish) {
        this.purger = purger;
        this.varnish = varnish;
    }

    /** The request not answered yet, if any. */
    public static Optional<String> pending(WordPressSite site) {
        String wanted = site.getMetadata().getAnnotations() == null ? null
                : site.getMetadata().getAnnotations().get(ANNOTATION);
        if (wanted == null || wanted.isBlank()) {
            return Optional.empty();
        }
        CachePurgeStatus last = site.getStatus() == null ? null : site.getStatus().getCachePurge();
        return last != null && wanted.equals(last.getRequest()) ? Optional.empty() : Optional.of(wanted);
    }

    /** Purges every domain of the site; never throws. */
    public CachePurgeStatus purge(WordPressSite site, String request, Optional<Secret> credentials) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Optional<String> token = credentials.map(Secret::getData).map(d -> d.get(SiteSecretDependent.PURGE_TOKEN))
                .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
        if (token.isEmpty()) {
            return new CachePurgeStatus(request, FAILED, "the site's credentials Secret has no purge token yet", now);
        }
        try {
            List<CachePurger.Replica> replicas = varnish.apply(site);
            purger.purgeDomains(replicas, token.get(), site.getSpec().getDomains());
            return new CachePurgeStatus(request, SUCCEEDED, "Varnish emptied for " + String.join(", ", site.getSpec().getDomains())
                    + (replicas.size() == 1 ? "" : " in " + replicas.size() + " pods"), now);
        } catch (RuntimeException e) {
            return new CachePurgeStatus(request, FAILED, e.getMessage(), now);
        }
    }
}
