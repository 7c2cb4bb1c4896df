package io.wpoven.operator.site.dependent;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * An object of the site's created, updated and garbage-collected with it, found by its name (each subclass's
 * {@code targetSecondaryResourceID}) in its own informer, and compared with its desired state only when the site
 * or the object changed since they last matched ({@link MatchMemo}).
 */
public abstract class SiteDependentResource<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, WordPressSite> {

    protected SiteDependentResource(Class<R> type) {
        super(type);
    }

    @Override
    public Optional<R> getSecondaryResource(WordPressSite site, Context<WordPressSite> context) {
        return OwnedObjects.byId(eventSource(), targetSecondaryResourceID(site, context));
    }

    @Override
    public Matcher.Result<R> match(R actual, WordPressSite site, Context<WordPressSite> context) {
        Object observed = observed(site, context);
        if (MatchMemo.matchedBefore(getClass(), site, actual, observed)) {
            return Matcher.Result.nonComputed(true);
        }
        Matcher.Result<R> result = super.match(actual, site, context);
        if (result.matched()) {
            MatchMemo.remember(getClass(), site, actual, observed);
        }
        return result;
    }

    /**
     * What desired() reads of objects other than the site (null: nothing), so that a change there is compared and
     * applied although the site did not change: a dependent that reads another object must override this.
     */
    protected Object observed(WordPressSite site, Context<WordPressSite> context) {
        return null;
    }
}
