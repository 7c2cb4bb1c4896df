package io.wpoven.operator.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.TestSites;

/** When a Restore may call the site resumed: a WordPress pod of the Deployment's current generation is ready. */
class QuiesceControlTest {
    private static Deployment wordpress(int replicas, long generation, Long observed, Integer ready) {
        return new DeploymentBuilder().withNewMetadata().withName("blog-wordpress").withGeneration(generation)
                .endMetadata().withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReadyReplicas(ready).endStatus().build();
    }

    @Test
    void servingOnceAPodOfTheCurrentGenerationIsReady() {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        // still scaled down by the fence, its old status showing nothing ready
        assertThat(QuiesceControl.serving(site, wordpress(0, 4, 4L, null))).isFalse();
        // scaled up, the Deployment controller not caught up: its ready count is the old generation's
        assertThat(QuiesceControl.serving(site, wordpress(1, 5, 4L, 1))).isFalse();
        // caught up, the new pod starting
        assertThat(QuiesceControl.serving(site, wordpress(1, 5, 5L, null))).isFalse();
        assertThat(QuiesceControl.serving(site, wordpress(2, 5, 5L, 0))).isFalse();
        assertThat(QuiesceControl.serving(site, wordpress(2, 5, 5L, 1))).isTrue();
        assertThat(QuiesceControl.serving(site, null)).isFalse();
    }

    @Test
    void aSiteThatAsksForNoPodsIsNotWaitedFor() {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        site.getSpec().setReplicas(0);
        assertThat(QuiesceControl.serving(site, wordpress(0, 4, 4L, null))).isTrue();
    }
}
