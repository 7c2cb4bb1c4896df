package io.wpoven.operator.site.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SiteBackupSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** The scheduled Backup that spec.backup asks for, named <site>-backup; the Backup reconciler runs it. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteBackupDependent extends SiteDependentResource<Backup> {
    public SiteBackupDependent() {
        super(Backup.class);
    }

    @Override
    protected Backup desired(WordPressSite site, Context<WordPressSite> context) {
        SiteBackupSpec wanted = site.getSpec().getBackup();
        SiteRefSpec ref = new SiteRefSpec();
        ref.setName(site.getMetadata().getName());
        BackupSpec spec = new BackupSpec();
        spec.setSiteRef(ref);
        spec.setSchedule(wanted.getSchedule());
        spec.setSuspend(wanted.getSuspend());
        spec.setRetention(wanted.getRetention());
        spec.setStorage(wanted.getStorage());
        spec.setInclude(wanted.getInclude());
        Backup backup = new Backup();
        backup.getMetadata().setName(Names.siteBackup(site));
        backup.getMetadata().setNamespace(site.getMetadata().getNamespace());
        java.util.Map<String, String> labels = Labels.inherited(site);
        labels.putAll(Labels.of(site, Component.BACKUP));
        backup.getMetadata().setLabels(labels);
        backup.setSpec(spec);
        return backup;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.siteBackup(site), site.getMetadata().getNamespace());
    }
}
