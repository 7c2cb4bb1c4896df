package io.wpoven.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.backup.dependent.BackupCronJobDependent;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.support.ImageRegistry;
import io.wpoven.operator.support.RestrictedProfile;
import io.wpoven.operator.support.TestSites;

/**
 * The platform's knobs on the pods the operator makes for a site's Jobs: the tool's resources and size-limited
 * work volume, pull secrets (operator-wide and the site's), the site's extra labels and annotations (the
 * operator's own win), an image registry override, and a scheduled Backup's time zone.
 */
class PlatformKnobsTest {
    final WordPressSite site = TestSites.site("blog", "blog.example.com");

    Backup backup() {
        Backup backup = BackupStatusBuilderTest.backup(null);
        backup.getSpec().setInclude(new BackupContentSpec(true, true));
        backup.getSpec().setStorage(BackupJobsTest.pvc("backups"));
        return backup;
    }

    @Test
    void toolJobsTakeTheOperatorsResourcesWorkVolumeLimitAndPullSecrets() {
        ToolJobSettings tool = new ToolJobSettings("mirror.example.com/wpoven/wpoven-operator:0.1.0",
                new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("250m"))
                        .addToRequests("memory", new Quantity("512Mi")).addToLimits("memory", new Quantity("2Gi")).build(),
                new Quantity("5Gi"), Optional.of(List.of("mirror-pull")));
        PodTemplateSpec pod = BackupJobs.run(backup(), site, tool).getTemplate();

        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("mirror.example.com/wpoven/wpoven-operator:0.1.0");
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("512Mi"));
        assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().equals("tmp")).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("5Gi")));
        assertThat(pod.getSpec().getImagePullSecrets()).containsExactly(new LocalObjectReference("mirror-pull"));
        assertThat(RestrictedProfile.violations(pod.getSpec())).isEmpty();
    }

    @Test
    void theDefaultsKeepTheToolsFormerResourcesAndLimitTheWorkVolume() {
        PodTemplateSpec pod = BackupJobs.run(backup(), site, ToolJobSettings.of(TestSites.config())).getTemplate();
        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("wpoven-operator:test");
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("100m"))
                .containsEntry("memory", new Quantity("256Mi"));
        assertThat(container.getResources().getLimits()).containsOnlyKeys("memory").containsEntry("memory", new Quantity("1Gi"));
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().equals("tmp")).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("20Gi")));
        assertThat(pod.getSpec().getImagePullSecrets()).isEmpty();
    }

    @Test
    void theSitesPodTemplateReachesItsJobsButNeverOverridesTheOperatorsLabels() {
        var template = new io.wpoven.operator.api.v1alpha1.spec.PodTemplateSpec();
        template.setLabels(Map.of("cost-center", "marketing", "app.kubernetes.io/component", "sneaky"));
        template.setAnnotations(Map.of("sidecar.istio.io/inject", "false"));
        template.setImagePullSecrets(List.of("team-pull", "mirror-pull"));
        site.getSpec().setPodTemplate(template);
        ToolJobSettings tool = new ToolJobSettings("tool:1", ToolJobSettings.image("tool:1").resources(),
                new Quantity("20Gi"), Optional.of(List.of("mirror-pull")));

        PodTemplateSpec pod = BackupJobs.run(backup(), site, tool).getTemplate();

        assertThat(pod.getMetadata().getLabels()).containsEntry("cost-center", "marketing")
                .containsEntry("app.kubernetes.io/component", "tool").containsEntry("wpoven.io/backup", "b");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("sidecar.istio.io/inject", "false");
        assertThat(pod.getSpec().getImagePullSecrets()).as("operator-wide first, each once")
                .containsExactly(new LocalObjectReference("mirror-pull"), new LocalObjectReference("team-pull"));
    }

    @Test
    void aScheduledBackupRunsInItsTimeZone() {
        Backup backup = backup();
        backup.getSpec().setSchedule("30 2 * * *");
        backup.getSpec().setTimeZone("Europe/Paris");
        CronJob cron = BackupCronJobDependent.cronJob(backup, site, ToolJobSettings.image("tool:1"));
        assertThat(cron.getSpec().getSchedule()).isEqualTo("30 2 * * *");
        assertThat(cron.getSpec().getTimeZone()).isEqualTo("Europe/Paris");

        backup.getSpec().setTimeZone(null);
        assertThat(BackupCronJobDependent.cronJob(backup, site, ToolJobSettings.image("tool:1")).getSpec().getTimeZone())
                .as("the controller manager's time zone").isNull();
    }

    @Test
    void aRegistryOverrideMovesEveryKindOfImageReference() {
        Optional<String> mirror = Optional.of("harbor.example.com/hub/");
        assertThat(ImageRegistry.rewrite("wordpress:6.8.3-php8.2-fpm", mirror))
                .isEqualTo("harbor.example.com/hub/library/wordpress:6.8.3-php8.2-fpm");
        assertThat(ImageRegistry.rewrite("prom/mysqld-exporter:v0.17.2", mirror))
                .isEqualTo("harbor.example.com/hub/prom/mysqld-exporter:v0.17.2");
        assertThat(ImageRegistry.rewrite("ghcr.io/wpoven/wpoven-operator:0.1.0", mirror))
                .isEqualTo("harbor.example.com/hub/wpoven/wpoven-operator:0.1.0");
        assertThat(ImageRegistry.rewrite("localhost:5000/wpoven/nginx@sha256:" + "a".repeat(64), mirror))
                .isEqualTo("harbor.example.com/hub/wpoven/nginx@sha256:" + "a".repeat(64));
        assertThat(ImageRegistry.rewrite("nginx:1.28.0", Optional.empty())).isEqualTo("nginx:1.28.0");
        assertThat(ImageRegistry.rewrite("harbor.example.com/hub/wpoven/wpoven-operator:0.1.0", mirror))
                .as("an image already in the registry (the chart moves the tool image itself)")
                .isEqualTo("harbor.example.com/hub/wpoven/wpoven-operator:0.1.0");
    }
}
