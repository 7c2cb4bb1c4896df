package io.wpoven.operator.site.condition;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * The Gateway API's HTTPRoute CRD exists in the cluster. Without it the HTTPRoute dependent stays inactive (no informer
 * on a missing type, no retry storm) and GatewayRouteReady says why.
 */
public class GatewayApiInstalled implements Condition<Object, WordPressSite> {
    public static final String CRD = "httproutes.gateway.networking.k8s.io";

    public static boolean check(KubernetesClient client) {
        return InstalledCrds.has(client, CRD);
    }

    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return check(context.getClient());
    }
}
