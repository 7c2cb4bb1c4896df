package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/** The SSH server's Service, of the type the site asks for (spec.access.ssh.serviceType). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SshServiceDependent extends SiteServiceDependent {
    public SshServiceDependent() {
        super(Component.SHELL, Names::ssh, "ssh", Ports.SSH, false);
    }

    @Override
    protected Service desired(WordPressSite site, Context<WordPressSite> context) {
        Service service = super.desired(site, context);
        service.getSpec().setType(type(site).kubernetes());
        return service;
    }

    static SshSpec.ServiceType type(WordPressSite site) {
        SshSpec.ServiceType type = site.getSpec().getAccess().getSsh().getServiceType();
        return type == null ? SshSpec.ServiceType.CLUSTER_IP : type;
    }
}
