package io.wpoven.operator.site.dependent;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.wpoven.operator.site.WordPressSiteReconciler;

/**
 * The informer cache of a site's objects, keeping of each object's managedFields only the operator's own entry: the
 * one JOSDK's server-side-apply matcher reads. The other entries (kube-controller-manager's status, kubectl, the
 * API server's defaults) are decoded by fabric8 into a tree of maps per field; at hundreds of sites they were most of
 * the operator's heap (docs/performance.md, "Scale").
 */
public class OwnFieldsItemStore<R extends HasMetadata> extends BasicItemStore<R> {

    public OwnFieldsItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public R put(String key, R object) {
        var metadata = object.getMetadata();
        if (metadata != null && metadata.getManagedFields() != null && !metadata.getManagedFields().isEmpty()) {
            metadata.setManagedFields(List.copyOf(metadata.getManagedFields().stream()
                    .filter(f -> WordPressSiteReconciler.NAME.equals(f.getManager())).toList()));
        }
        return super.put(key, object);
    }
}
