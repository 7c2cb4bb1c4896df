package io.wpoven.operator.site.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CronSpec;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.support.RestrictedProfile;
import io.wpoven.operator.support.TestSites;

/** The wp-cron CronJob's desired state: what a run does, with which credentials and files, and when it does not run. */
class WordPressCronJobTest {
    private final WordPressSite site = TestSites.site("blog", "blog.example.com");

    private static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static Map<String, VolumeMount> mounts(Container c) {
        return c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
    }

    @Test
    void everyMinuteOneRunAtATimeWithPhpCliInTheSitesWordPressImage() {
        CronJob cron = WordPressCronJobDependent.cronJob(site, "localhost/wp:8.2", Optional.empty());

        assertThat(cron.getMetadata().getName()).isEqualTo("blog-cron");
        assertThat(cron.getSpec().getSchedule()).isEqualTo("* * * * *");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getSuspend()).isFalse();
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isEqualTo(60L);
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(1);
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(2);
        var job = cron.getSpec().getJobTemplate().getSpec();
        assertThat(job.getActiveDeadlineSeconds()).isEqualTo(240L);
        assertThat(job.getBackoffLimit()).isZero();
        PodSpec pod = job.getTemplate().getSpec();
        assertThat(RestrictedProfile.violations(pod)).isEmpty();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(33L);
        assertThat(job.getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "cron").containsEntry("app.kubernetes.io/instance", "blog")
                .doesNotContainEntry("app.kubernetes.io/component", "wordpress");

        Container php = pod.getContainers().get(0);
        assertThat(php.getImage()).isEqualTo("localhost/wp:8.2");
        assertThat(String.join(" ", php.getCommand()))
                .contains("cp -Rn /usr/src/wordpress/. /var/www/html/")
                .contains("cp /usr/src/wordpress/wp-config-docker.php /var/www/html/wp-config.php")
                .endsWith("cd /var/www/html && exec php wp-cron.php");
        assertThat(mounts(php)).containsKeys("/var/www/html", "/var/www/html/wp-content",
                "/var/www/html/wp-content/object-cache.php", "/var/www/html/wp-content/mu-plugins/wpoven-purge.php",
                "/usr/local/etc/php/conf.d/zz-wpoven.ini", "/tmp");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("blog-content"));
        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("wp-content-folders");
    }

    @Test
    void wpConfigAndSecretsAsTheWordPressPodsGetThem() {
        Container php = WordPressCronJobDependent.cronJob(site, "wp", Optional.empty()).getSpec().getJobTemplate()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = env(php);
        assertThat(env.get("WORDPRESS_DB_PASSWORD").getValue()).isNull();
        assertThat(env.get("WORDPRESS_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
        assertThat(env.get("WPOVEN_REDIS_PASSWORD").getValueFrom().getSecretKeyRef()).isNotNull();
        assertThat(env.get("WORDPRESS_CONFIG_EXTRA").getValue()).contains("define('DISABLE_WP_CRON', true);");
        assertThat(php.getEnv()).allSatisfy(e -> assertThat(e.getValue() == null ? "" : e.getValue())
                .doesNotContain("password"));
        assertThat(env.keySet()).containsAll(WordPressDeploymentDependent.wordpressEnv(site).stream()
                .map(EnvVar::getName).toList());
    }

    @Test
    void theScheduleIsTheSitesAndNoRunStartsWhileTheSiteIsFenced() {
        CronSpec spec = new CronSpec();
        spec.setSchedule("*/5 * * * *");
        site.getSpec().getWordpress().setCron(spec);
        assertThat(WordPressCronJobDependent.cronJob(site, "wp", Optional.empty()).getSpec().getSchedule())
                .isEqualTo("*/5 * * * *");

        site.getMetadata().setAnnotations(Map.of(Quiesce.ANNOTATION, "restore/uid-1"));
        assertThat(WordPressCronJobDependent.cronJob(site, "wp", Optional.empty()).getSpec().getSuspend()).isTrue();
    }

    @Test
    void withoutRedisNoObjectCacheDropIn() {
        site.getSpec().getObjectCache().setEnabled(false);
        Container php = WordPressCronJobDependent.cronJob(site, "wp", Optional.empty()).getSpec().getJobTemplate()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(mounts(php)).doesNotContainKey("/var/www/html/wp-content/object-cache.php");
    }
}
