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

/** Backups of one site's database and wp-content: once now, or on a schedule, with retention. */
@Group(WordPressSite.GROUP)
@Version(WordPressSite.VERSION)
@ShortNames("wpbackup")
@Categories(WordPressSite.CATEGORY)
@JsonClassDescription("Backups of one site's database and wp-content: once now, or on a schedule, with retention, into"
        + " a PersistentVolumeClaim or S3.")
@AdditionalPrinterColumn(name = "Site", jsonPath = ".spec.siteRef.name", type = Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = ".status.conditions[?(@.type==\"Complete\")].status", type = Type.STRING)
@AdditionalPrinterColumn(name = "Last Success", jsonPath = ".status.lastSuccessfulTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Failed\")].reason", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class Backup extends CustomResource<BackupSpec, BackupStatus> implements Namespaced {
    @Override
    protected BackupStatus initStatus() {
        return new BackupStatus();
    }
}
