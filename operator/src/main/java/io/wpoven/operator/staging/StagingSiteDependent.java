package io.wpoven.operator.staging;

import java.util.Map;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.api.v1alpha1.spec.AutoscalingSpec;
import io.wpoven.operator.api.v1alpha1.spec.DatabaseSpec;
import io.wpoven.operator.api.v1alpha1.spec.ManagedDatabaseSpec;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * The staging WordPressSite: the live site's spec under the staging domain, with a small footprint (the
 * Staging's replicas, no autoscaler, no scheduled backups), its own managed database even when live uses an
 * external one, basic auth and noindex as asked, and volumes deleted with it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StagingJobs.STAGING_LABEL))
public class StagingSiteDependent extends CRUDKubernetesDependentResource<WordPressSite, Staging> {
    public StagingSiteDependent() {
        super(WordPressSite.class);
    }

    @Override
    protected WordPressSite desired(Staging staging, Context<Staging> context) {
        WordPressSite live = context.getSecondaryResource(WordPressSite.class, StagingReconciler.LIVE).orElseThrow();
        return of(staging, live);
    }

    static WordPressSite of(Staging staging, WordPressSite live) {
        StagingSpec wanted = staging.getSpec();
        var serialization = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
        WordPressSiteSpec spec = serialization.clone(live.getSpec());
        spec.setDomains(java.util.List.of(wanted.getDomain()));
        spec.setReplicas(wanted.getReplicas() == null ? 1 : wanted.getReplicas());
        AutoscalingSpec autoscaling = spec.getAutoscaling() == null ? new AutoscalingSpec() : spec.getAutoscaling();
        autoscaling.setEnabled(false);
        spec.setAutoscaling(autoscaling);
        spec.setBackup(null);
        if (spec.getDatabase() == null || spec.getDatabase().getManaged() == null) {
            DatabaseSpec database = new DatabaseSpec();
            database.setManaged(new ManagedDatabaseSpec());
            spec.setDatabase(database);
        }
        AccessSpec access = new AccessSpec();
        access.setBasicAuth(!Boolean.FALSE.equals(wanted.getBasicAuth()));
        access.setNoindex(!Boolean.FALSE.equals(wanted.getNoindex()));
        spec.setAccess(access);
        spec.setDeletionPolicy(WordPressSiteSpec.DeletionPolicy.Delete);

        Map<String, String> labels = Labels.inherited(live);
        labels.put(StagingJobs.STAGING_LABEL, staging.getMetadata().getName());
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        WordPressSite site = new WordPressSite();
        site.getMetadata().setName(Names.stagingSite(staging));
        site.getMetadata().setNamespace(staging.getMetadata().getNamespace());
        site.getMetadata().setLabels(labels);
        site.setSpec(spec);
        return site;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(Staging staging, Context<Staging> context) {
        return new ResourceID(Names.stagingSite(staging), staging.getMetadata().getNamespace());
    }
}
