package io.wpoven.operator.site.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** Redis, reached by WordPress. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class RedisServiceDependent extends SiteServiceDependent {
    public RedisServiceDependent() {
        super(Component.REDIS, Names::redis, "redis", Ports.REDIS, false);
    }
}
