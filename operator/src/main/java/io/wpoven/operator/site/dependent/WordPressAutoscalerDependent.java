package io.wpoven.operator.site.dependent;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AutoscalingSpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/**
 * autoscaling/v2 HPA on the WordPress Deployment, when spec.autoscaling.enabled. Its CPU/memory figures come from
 * the cluster's resource metrics API (metrics-server); only the scale-down window is the spec's, the rest of
 * behavior stays Kubernetes' default.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class WordPressAutoscalerDependent extends SiteDependentResource<HorizontalPodAutoscaler> {

    public WordPressAutoscalerDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    protected HorizontalPodAutoscaler desired(WordPressSite site, Context<WordPressSite> context) {
        AutoscalingSpec a = site.getSpec().getAutoscaling();
        List<MetricSpec> metrics = new ArrayList<>();
        metrics.add(utilization("cpu", a.getTargetCPUUtilizationPercentage()));
        if (a.getTargetMemoryUtilizationPercentage() != null) {
            metrics.add(utilization("memory", a.getTargetMemoryUtilizationPercentage()));
        }
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(Names.wordpress(site))
                .withNamespace(site.getMetadata().getNamespace())
                .withLabels(Labels.of(site, Component.WORDPRESS))
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(Names.wordpress(site))
                .endScaleTargetRef()
                .withMinReplicas(a.getMinReplicas())
                .withMaxReplicas(a.getMaxReplicas())
                .withMetrics(metrics)
                .withNewBehavior().withNewScaleDown()
                .withStabilizationWindowSeconds(a.getScaleDownStabilizationSeconds()).endScaleDown().endBehavior()
                .endSpec()
                .build();
    }

    private static MetricSpec utilization(String resource, int percent) {
        return new MetricSpecBuilder().withType("Resource").withNewResource().withName(resource)
                .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
                .endResource().build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.wordpress(site), site.getMetadata().getNamespace());
    }
}
