package io.wpoven.operator.site.dependent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), only the fields the operator writes. Typed
 * rather than generic: a generic informer looks its type up in API discovery, which fails (and fails the site's
 * reconcile) while the CRD is absent; a typed one needs no lookup, so the dependent can simply stay inactive.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("ServiceMonitor")
@Plural("servicemonitors")
public class ServiceMonitor extends CustomResource<ServiceMonitor.Spec, Void> implements Namespaced {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        private LabelSelector selector;
        private List<Endpoint> endpoints;

        public LabelSelector getSelector() {
            return selector;
        }

        public void setSelector(LabelSelector selector) {
            this.selector = selector;
        }

        public List<Endpoint> getEndpoints() {
            return endpoints;
        }

        public void setEndpoints(List<Endpoint> endpoints) {
            this.endpoints = endpoints;
        }
    }

    /** One scrape target: a named Service port, the path and how often. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(String port, String path, String interval) {
    }
}
