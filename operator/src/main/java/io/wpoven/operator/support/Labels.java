package io.wpoven.operator.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Labels of every object the operator creates. The selector labels (name, instance, component) are fixed
 * and never change for a live object, since Deployment and StatefulSet selectors are immutable.
 */
public final class Labels {
    private Labels() {
    }

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String OPERATOR = "wpoven-operator";
    /** On a push's or pull's Job, checkpoint Backup and rollback Restore: the request they were made for. */
    public static final String REQUEST = "wpoven.io/request";
    /**
     * Annotation on the Jobs of a WordPress image change (check, upgrade): the change they were made for,
     * {@code <image>@<startTime>}, so that a change whose status write was lost takes them up again.
     */
    public static final String WORDPRESS_CHANGE = "wpoven.io/wordpress-change";

    /** On a site's malware scan Jobs and pods: the site's name, by which the site's reconciler finds every run. */
    public static final String MALWARE_SCAN = "wpoven.io/malware-scan";
    /** Label selector of the operator's informers: only objects it made. */
    /** On a Git deploy Job: the site it deploys to (one such Job runs at a time per site). */
    public static final String CODE_DEPLOY = "wpoven.io/code-deploy";
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    public static Map<String, String> selector(HasMetadata site, Component component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, "wordpress");
        labels.put(INSTANCE, site.getMetadata().getName());
        labels.put(COMPONENT, component.label());
        return labels;
    }

    /** The selector as a label-selector string, for status.selector (scale subresource, HPA). */
    public static String selectorString(HasMetadata site, Component component) {
        return selector(site, component).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
    }

    public static Map<String, String> of(HasMetadata site, Component component) {
        Map<String, String> labels = selector(site, component);
        labels.put(MANAGED_BY, OPERATOR);
        labels.put(PART_OF, "wpoven");
        return labels;
    }

    /**
     * A site's own labels, without the app.kubernetes.io ones: what objects made for the site (its Backup, a
     * Staging's site) carry, so an operator sharded by a label selector owns them as well.
     */
    public static Map<String, String> inherited(HasMetadata site) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (site.getMetadata().getLabels() != null) {
            site.getMetadata().getLabels().forEach((k, v) -> {
                if (!k.startsWith("app.kubernetes.io/")) {
                    labels.put(k, v);
                }
            });
        }
        return labels;
    }
}
