package io.wpoven.operator.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.PodTemplateSpec;

/**
 * A site's spec.podTemplate and the operator-wide pull secrets, as every pod of the site (and of its Jobs) gets
 * them: the operator's own labels and annotations win over the site's.
 */
public final class SitePodTemplate {
    private SitePodTemplate() {
    }

    public static Map<String, String> labels(WordPressSite site, Map<String, String> operatorLabels) {
        return merge(template(site).map(PodTemplateSpec::getLabels).orElse(null), operatorLabels);
    }

    public static Map<String, String> annotations(WordPressSite site, Map<String, String> operatorAnnotations) {
        return merge(template(site).map(PodTemplateSpec::getAnnotations).orElse(null), operatorAnnotations);
    }

    /** The operator-wide pull secrets, then the site's, each once; empty when there are none. */
    public static List<LocalObjectReference> imagePullSecrets(WordPressSite site, Optional<List<String>> operatorWide) {
        Set<String> names = new LinkedHashSet<>(operatorWide.orElse(List.of()));
        template(site).map(PodTemplateSpec::getImagePullSecrets).ifPresent(names::addAll);
        List<LocalObjectReference> refs = new ArrayList<>();
        names.stream().filter(n -> n != null && !n.isBlank()).forEach(n -> refs.add(new LocalObjectReference(n)));
        return refs;
    }

    private static Optional<PodTemplateSpec> template(WordPressSite site) {
        return Optional.ofNullable(site.getSpec().getPodTemplate());
    }

    private static Map<String, String> merge(Map<String, String> site, Map<String, String> operator) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (site != null) {
            merged.putAll(site);
        }
        merged.putAll(operator);
        return merged;
    }
}
