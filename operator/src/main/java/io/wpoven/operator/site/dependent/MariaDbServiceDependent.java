package io.wpoven.operator.site.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** Headless: gives the MariaDB StatefulSet its stable DNS name. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class MariaDbServiceDependent extends SiteServiceDependent {
    public MariaDbServiceDependent() {
        super(Component.DATABASE, Names::mariadb, "mysql", Ports.MARIADB, true);
    }
}
