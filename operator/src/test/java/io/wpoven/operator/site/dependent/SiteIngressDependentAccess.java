package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.OperatorConfig;

/** The Ingress dependent with a given configuration, as Quarkus would inject it. */
public final class SiteIngressDependentAccess {
    public Ingress desired(WordPressSite site, OperatorConfig config) {
        SiteIngressDependent d = new SiteIngressDependent();
        d.config = config;
        return d.desired(site, null);
    }
}
