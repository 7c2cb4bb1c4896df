package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

@E2eTest
class ScalingIT {

    @Test
    void kubectlScaleOnTheSiteScalesWordPress(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  storage: {size: 5Gi, accessMode: ReadWriteMany}\n");
        awaitReady(ns, "blog");

        // what `kubectl scale wps blog --replicas=3` does: a PUT on the scale subresource
        var scale = ns.client().resources(WordPressSite.class).inNamespace(ns.name()).withName("blog").scale(3);
        assertThat(scale.getSpec().getReplicas()).isEqualTo(3);

        WordPressSite site = awaitReady(ns, "blog");
        assertThat(site.getSpec().getReplicas()).isEqualTo(3);
        assertThat(site.getStatus().getReplicas()).isEqualTo(3);
        assertThat(ns.get(Deployment.class, "blog-wordpress").get().getSpec().getReplicas()).isEqualTo(3);
        var read = ns.client().resources(WordPressSite.class).inNamespace(ns.name()).withName("blog").scale();
        assertThat(read.getStatus().getReplicas()).isEqualTo(3);
        assertThat(read.getStatus().getSelector()).contains("app.kubernetes.io/component=wordpress");
    }

    @Test
    void autoscalingCreatesAnHpaOnTheWordPressDeploymentAndLeavesItsReplicasAlone(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com") + """
                  storage: {size: 5Gi, accessMode: ReadWriteMany}
                  autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 60}
                """);
        within(Duration.ofSeconds(60)).alias("HPA created").until(() -> ns.get(HorizontalPodAutoscaler.class, "blog-wordpress").get() != null);
        HorizontalPodAutoscaler hpa = ns.get(HorizontalPodAutoscaler.class, "blog-wordpress").get();
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("blog-wordpress");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(60);

        // the HPA controller (no metrics here) raises the Deployment to minReplicas; the operator must not fight it
        within(Duration.ofSeconds(60)).alias("HPA scaled the Deployment to minReplicas")
                .until(() -> ns.get(Deployment.class, "blog-wordpress").get().getSpec().getReplicas() == 2);
        awaitReady(ns, "blog");
        // Ready as soon as one pod serves; the second follows (a loaded cluster starts it a little later)
        within(Duration.ofSeconds(60)).alias("status.readyReplicas 2").until(() -> ns.site("blog").get(),
                s -> s.getStatus() != null && Integer.valueOf(2).equals(s.getStatus().getReadyReplicas()));

        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  storage: {size: 5Gi, accessMode: ReadWriteMany}\n"
                + "  autoscaling: {enabled: false}\n  replicas: 1\n");
        within(Duration.ofSeconds(30)).alias("HPA removed when disabled")
                .until(() -> ns.get(HorizontalPodAutoscaler.class, "blog-wordpress").get() == null
                        && ns.get(Deployment.class, "blog-wordpress").get().getSpec().getReplicas() == 1);
    }
}
