package io.wpoven.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A managed WordPress site: the whole serving stack for a set of domains. */
@Group(WordPressSite.GROUP)
@Version(WordPressSite.VERSION)
@ShortNames("wps")
@Categories(WordPressSite.CATEGORY)
@JsonClassDescription("A managed WordPress site: the whole serving stack (WordPress with PHP-FPM, nginx, Varnish,"
        + " MariaDB, Redis) for a set of domains, reconciled by the WPOven operator.")
@AdditionalPrinterColumn(name = "Domain", jsonPath = ".spec.domains[0]", type = Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", type = Type.STRING)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = Type.STRING)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.readyReplicas", type = Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Address", jsonPath = ".status.address", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class WordPressSite extends CustomResource<WordPressSiteSpec, WordPressSiteStatus> implements Namespaced {
    public static final String GROUP = "wpoven.io";
    public static final String VERSION = "v1alpha1";
    /** kubectl get wpoven lists every kind of the operator. */
    public static final String CATEGORY = "wpoven";

    @Override
    protected WordPressSiteStatus initStatus() {
        return new WordPressSiteStatus();
    }
}
