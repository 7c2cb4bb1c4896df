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

/** A staging copy of a live site under its own domain, with push to live and refresh from live. */
@Group(WordPressSite.GROUP)
@Version(WordPressSite.VERSION)
@ShortNames("wpstaging")
@Categories(WordPressSite.CATEGORY)
@JsonClassDescription("A staging copy of a live site under its own domain, with push to live and refresh from live.")
@AdditionalPrinterColumn(name = "Live", jsonPath = ".spec.siteRef.name", type = Type.STRING)
@AdditionalPrinterColumn(name = "Domain", jsonPath = ".spec.domain", type = Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", type = Type.STRING)
@AdditionalPrinterColumn(name = "Last Push", jsonPath = ".status.lastPush.outcome", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class Staging extends CustomResource<StagingSpec, StagingStatus> implements Namespaced {
    @Override
    protected StagingStatus initStatus() {
        return new StagingStatus();
    }
}
