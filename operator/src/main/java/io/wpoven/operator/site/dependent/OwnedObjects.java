package io.wpoven.operator.site.dependent;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * Looks a site's object up by name in the informers' caches. JOSDK's own lookup gathers every secondary object of
 * the type from every informer of the type into a hash set and filters it; at hundreds of sites that was a third
 * of the operator's CPU (docs/performance.md, "Scale").
 */
public final class OwnedObjects {
    private OwnedObjects() {
    }

    /** The object with this id in the dependent's own informer (which also holds what it just created or updated). */
    static <R extends HasMetadata> Optional<R> byId(Optional<InformerEventSource<R, WordPressSite>> informer, ResourceID id) {
        return informer.flatMap(es -> es.get(id));
    }

    /** The object of this type and name in the site's namespace, from whichever informer of the type holds it. */
    public static <R extends HasMetadata> Optional<R> byName(Context<WordPressSite> context, Class<R> type, String name) {
        ResourceID id = new ResourceID(name, context.getPrimaryResource().getMetadata().getNamespace());
        for (var source : context.eventSourceRetriever().getEventSourcesFor(type)) {
            if (source instanceof Cache<?> cache) {
                @SuppressWarnings("unchecked")
                Optional<R> found = (Optional<R>) cache.get(id);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
