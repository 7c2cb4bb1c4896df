package io.wpoven.operator.site.dependent;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec.DeletionPolicy;
import io.wpoven.operator.api.v1alpha1.spec.ManagedDatabaseSpec;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.condition.ExportersEnabled;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/** The site's MariaDB (spec.database.managed): one pod, its data on a claim from volumeClaimTemplates. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class MariaDbStatefulSetDependent extends SiteDependentResource<StatefulSet> {

    public MariaDbStatefulSetDependent() {
        super(StatefulSet.class);
    }

    /** The mysql user of the official image. */
    static final long UID = 999;
    static final String DATA_VOLUME = "data";

    @Inject
    OperatorConfig config;

    @Override
    protected StatefulSet desired(WordPressSite site, Context<WordPressSite> context) {
        ManagedDatabaseSpec db = site.getSpec().getDatabase().getManaged();
        PersistentVolumeClaim claim = ContentClaimDependent.claim(site, DATA_VOLUME, db.getStorage(), Component.DATABASE);
        claim.getMetadata().setNamespace(null);
        String retention = site.getSpec().getDeletionPolicy() == DeletionPolicy.Delete ? "Delete" : "Retain";
        StatefulSet set = new StatefulSetBuilder()
                .withNewMetadata()
                .withName(Names.mariadb(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.DATABASE))
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(Names.mariadb(site))
                .withNewSelector().withMatchLabels(Labels.selector(site, Component.DATABASE)).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted(retention).withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .withTemplate(Pods.template(config, site, Component.DATABASE, UID, new PodSpecBuilder()
                        .addToContainers(Pods.container("mariadb", SiteImages.mariadb(site, config))
                                .withEnv(Pods.secretEnv("MARIADB_ROOT_PASSWORD", site, SiteSecretDependent.DB_ROOT_PASSWORD),
                                        Pods.env("MARIADB_DATABASE", Names.DATABASE),
                                        Pods.env("MARIADB_USER", Names.DATABASE_USER),
                                        Pods.secretEnv("MARIADB_PASSWORD", site, SiteSecretDependent.DB_PASSWORD))
                                .withResources(db.getResources())
                                .addNewPort().withName("mysql").withContainerPort(Ports.MARIADB).endPort()
                                .withNewReadinessProbe()
                                .withNewExec().withCommand("healthcheck.sh", "--connect", "--innodb_initialized").endExec()
                                .withPeriodSeconds(10).withTimeoutSeconds(5)
                                .endReadinessProbe()
                                .withNewLivenessProbe()
                                .withNewTcpSocket().withPort(new IntOrString("mysql")).endTcpSocket()
                                .withInitialDelaySeconds(30).withPeriodSeconds(20)
                                .endLivenessProbe()
                                .addNewVolumeMount().withName(DATA_VOLUME).withMountPath("/var/lib/mysql").endVolumeMount()
                                .addNewVolumeMount().withName(Pods.CONFIG_VOLUME).withMountPath("/etc/mysql/conf.d/zz-wpoven.cnf")
                                .withSubPath(SiteConfigFiles.MY_CNF).withReadOnly(true).endVolumeMount()
                                .addNewVolumeMount().withName(Pods.TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                                .build())
                        .addAllToContainers(Exporters.sidecars(site, Component.DATABASE, config))
                        .addToVolumes(Pods.configVolume(site, Component.DATABASE), Pods.emptyDir(Pods.TMP_VOLUME))))
                .withVolumeClaimTemplates(claim)
                .endSpec()
                .build();
        String rotated = rotatedWith(site);
        if (rotated != null && ExportersEnabled.holds(site)) {
            // the exporter sidecar logs in as the user whose password was rotated: it restarts with the new one
            set.getSpec().getTemplate().getMetadata().getAnnotations().put(ROTATION_ANNOTATION, rotated);
        }
        return set;
    }

    static final String ROTATION_ANNOTATION = "wpoven.io/credentials-rotation";

    /** The request of the last successful credential rotation, or null. */
    static String rotatedWith(WordPressSite site) {
        var r = site.getStatus() == null ? null : site.getStatus().getCredentialRotation();
        return r != null && io.wpoven.operator.site.CredentialRotation.SUCCEEDED.equals(r.getOutcome()) ? r.getRequest() : null;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.mariadb(site), site.getMetadata().getNamespace());
    }
}
