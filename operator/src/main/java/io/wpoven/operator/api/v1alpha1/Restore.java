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

/** One-click restore: puts a backup artifact back into its site, or into another site (cloning). Runs once. */
@Group(WordPressSite.GROUP)
@Version(WordPressSite.VERSION)
@ShortNames("wprestore")
@Categories(WordPressSite.CATEGORY)
@JsonClassDescription("One-click restore: puts a backup artifact back into its site, or into another site (cloning)."
        + " Runs once; the spec cannot change.")
@AdditionalPrinterColumn(name = "Backup", jsonPath = ".spec.backupRef.name", type = Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".status.targetSite", type = Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = ".status.conditions[?(@.type==\"Complete\")].status", type = Type.STRING)
@AdditionalPrinterColumn(name = "Artifact", jsonPath = ".status.artifact", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class Restore extends CustomResource<RestoreSpec, RestoreStatus> implements Namespaced {
    @Override
    protected RestoreStatus initStatus() {
        return new RestoreStatus();
    }
}
