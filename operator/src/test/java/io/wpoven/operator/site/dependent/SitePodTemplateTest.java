package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;

/** spec.podTemplate on the site's own pods: extra labels and annotations (the operator's win), pull secrets. */
class SitePodTemplateTest {

    @Test
    void everySitePodCarriesTheSitesLabelsAnnotationsAndPullSecrets() {
        WordPressSite site = site("blog", "blog.example.com");
        var template = new io.wpoven.operator.api.v1alpha1.spec.PodTemplateSpec();
        template.setLabels(Map.of("team", "web", "app.kubernetes.io/instance", "other"));
        template.setAnnotations(Map.of("prometheus.io/scrape", "false", Pods.CONFIG_HASH, "forged"));
        template.setImagePullSecrets(List.of("team-pull"));
        site.getSpec().setPodTemplate(template);

        PodTemplateSpec pod = Pods.template(Optional.of(List.of("mirror-pull")), site, Component.WORDPRESS, 33,
                new PodSpecBuilder());

        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "web")
                .containsEntry("app.kubernetes.io/instance", "blog").containsEntry("app.kubernetes.io/component", "wordpress");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "false")
                .doesNotContainEntry(Pods.CONFIG_HASH, "forged").containsKey(Pods.CONFIG_HASH);
        assertThat(pod.getSpec().getImagePullSecrets()).containsExactly(new LocalObjectReference("mirror-pull"),
                new LocalObjectReference("team-pull"));

        var installer = WordPressInstallJobDependent.job(site, "wordpress:6-fpm").getSpec().getTemplate();
        assertThat(installer.getMetadata().getLabels()).containsEntry("team", "web");
        assertThat(installer.getSpec().getImagePullSecrets()).containsExactly(new LocalObjectReference("team-pull"));
    }

    @Test
    void withoutAPodTemplateNothingIsAdded() {
        WordPressSite site = site("blog", "blog.example.com");
        site.getSpec().setPodTemplate(null);
        PodTemplateSpec pod = Pods.template(Optional.empty(), site, Component.REDIS, 999, new PodSpecBuilder());
        assertThat(pod.getSpec().getImagePullSecrets()).isEmpty();
        assertThat(pod.getMetadata().getLabels()).allSatisfy((k, v) -> assertThat(k).startsWith("app.kubernetes.io/"));
    }
}
