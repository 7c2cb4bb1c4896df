package io.wpoven.operator.site.condition;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * cert-manager's Certificate CRD exists in the cluster. Without it the Certificate dependent stays inactive
 * (no informer on a missing type, no retry storm) and TLSReady says why. One watch on that single CRD answers
 * from memory, so installing or removing cert-manager is seen at the site's next reconcile.
 */
public class CertManagerInstalled implements Condition<Object, WordPressSite> {
    public static final String CRD = "certificates.cert-manager.io";

    private static volatile SharedIndexInformer<CustomResourceDefinition> informer;

    public static boolean check(KubernetesClient client) {
        if (informer == null) {
            synchronized (CertManagerInstalled.class) {
                if (informer == null) {
                    informer = client.apiextensions().v1().customResourceDefinitions().withName(CRD).inform();
                }
            }
        }
        return !informer.getStore().list().isEmpty();
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return check(context.getClient());
    }
}
