package io.wpoven.operator.site;

import java.util.Optional;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * A site being restored is quiesced: no WordPress pod runs (and no autoscaler brings one back), so nothing
 * writes to the database or wp-content while they are replaced. Varnish keeps serving what it has cached.
 * The annotation names who asked (a Restore or a Staging push) and is removed by the same.
 */
public final class Quiesce {
    private Quiesce() {
    }

    public static final String ANNOTATION = "wpoven.io/quiesced-by";

    public static Optional<String> by(WordPressSite site) {
        return site.getMetadata().getAnnotations() == null ? Optional.empty()
                : Optional.ofNullable(site.getMetadata().getAnnotations().get(ANNOTATION));
    }

    public static boolean active(WordPressSite site) {
        return by(site).isPresent();
    }
}
