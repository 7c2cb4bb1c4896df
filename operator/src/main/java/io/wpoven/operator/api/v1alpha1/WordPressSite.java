package io.wpoven.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A managed WordPress site: the whole serving stack for a set of domains. */
@Group(WordPressSite.GROUP)
@Version(WordPressSite.VERSION)
@ShortNames("wps")
@AdditionalPrinterColumn(name = "Domain", jsonPath = ".spec.domains[0]", type = Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = Type.STRING)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.readyReplicas", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class WordPressSite extends CustomResource<WordPressSiteSpec, WordPressSiteStatus> implements Namespaced {
    public static final String GROUP = "wpoven.io";
    public static final String VERSION = "v1alpha1";

    @Override
    protected WordPressSiteStatus initStatus() {
        return new WordPressSiteStatus();
    }
}
