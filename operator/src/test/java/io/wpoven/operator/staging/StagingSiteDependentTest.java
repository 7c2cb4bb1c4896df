package io.wpoven.operator.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.StagingSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.CredentialsSecretSpec;
import io.wpoven.operator.api.v1alpha1.spec.DatabaseSpec;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteBackupSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.jobs.ToolPods.Command;
import io.wpoven.operator.support.RestrictedProfile;
import io.wpoven.operator.support.TestSites;

class StagingSiteDependentTest {

    @Test
    void theStagingSiteIsLiveUnderTheStagingDomainSmallProtectedAndDisposable() {
        WordPressSite live = TestSites.site("blog", "blog.example.com", "www.blog.example.com");
        live.getSpec().setReplicas(4);
        live.getSpec().getAutoscaling().setEnabled(true);
        live.getSpec().setBackup(new SiteBackupSpec());
        live.getMetadata().setLabels(Map.of("wpoven.io/shard", "a", "app.kubernetes.io/name", "x"));
        WordPressSite site = StagingSiteDependent.of(staging(), live);

        assertThat(site.getMetadata().getName()).isEqualTo("blog-staging");
        assertThat(site.getSpec().getDomains()).containsExactly("staging.blog.example.com");
        assertThat(site.getSpec().getReplicas()).isEqualTo(1);
        assertThat(site.getSpec().getAutoscaling().getEnabled()).isFalse();
        assertThat(site.getSpec().getBackup()).as("no scheduled backups of a staging copy").isNull();
        assertThat(site.getSpec().getAccess().getBasicAuth()).isTrue();
        assertThat(site.getSpec().getAccess().getNoindex()).isTrue();
        assertThat(site.getSpec().getDeletionPolicy().name()).isEqualTo("Delete");
        assertThat(site.getSpec().getWordpress().getPhp().getMemoryLimit()).as("the rest as live")
                .isEqualTo(live.getSpec().getWordpress().getPhp().getMemoryLimit());
        assertThat(site.getMetadata().getLabels()).containsEntry("wpoven.io/shard", "a")
                .containsEntry("wpoven.io/staging", "blog-staging").doesNotContainKey("app.kubernetes.io/name");
        assertThat(live.getSpec().getReplicas()).as("live's spec is not modified").isEqualTo(4);
        assertThat(live.getSpec().getDomains()).hasSize(2);
    }

    @Test
    void aLiveSiteOnAnExternalDatabaseGetsAManagedOneForStaging() {
        WordPressSite live = TestSites.site("blog", "blog.example.com");
        ExternalDatabaseSpec external = new ExternalDatabaseSpec();
        external.setHost("db.example.com");
        external.setName("blog");
        external.setCredentialsSecret(new CredentialsSecretSpec());
        DatabaseSpec database = new DatabaseSpec();
        database.setExternal(external);
        live.getSpec().setDatabase(database);
        WordPressSite site = StagingSiteDependent.of(staging(), live);
        assertThat(site.getSpec().getDatabase().getManaged()).isNotNull();
    }

    @Test
    void aPushCopiesChosenTablesFromStagingToLiveWithUrlsRewrittenBack() {
        WordPressSite live = TestSites.site("blog", "blog.example.com");
        WordPressSite stagingSite = StagingSiteDependent.of(staging(), live);
        Job job = StagingJobs.copy("blog-staging-push-r1", staging(), Command.PUSH, stagingSite, live,
                new BackupContentSpec(true, false), java.util.List.of("wp_posts", "wp_options"), io.wpoven.operator.jobs.ToolJobSettings.image("tool:1"));
        Container tool = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = tool.getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(tool.getCommand()).endsWith("push");
        assertThat(env.get("FROM_URL").getValue()).isEqualTo("//staging.blog.example.com");
        assertThat(env.get("TO_URL").getValue()).isEqualTo("//blog.example.com");
        assertThat(env.get("SOURCE_DB_HOST").getValue()).isEqualTo("blog-staging-mariadb");
        assertThat(env.get("TARGET_DB_HOST").getValue()).isEqualTo("blog-mariadb");
        assertThat(env.get("TABLES").getValue()).isEqualTo("wp_posts,wp_options");
        assertThat(env).doesNotContainKey("SOURCE_FILES_DIR");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("data.wpoven.io/blog", "true")
                .containsEntry("data.wpoven.io/blog-staging", "true");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("Staging"));
        assertThat(RestrictedProfile.violations(job.getSpec().getTemplate().getSpec())).isEmpty();
    }

    public static Staging staging() {
        Staging staging = new Staging();
        staging.setMetadata(new ObjectMetaBuilder().withName("blog-staging").withNamespace("shop").withUid("uid-st")
                .withGeneration(1L).build());
        StagingSpec spec = new StagingSpec();
        SiteRefSpec ref = new SiteRefSpec();
        ref.setName("blog");
        spec.setSiteRef(ref);
        spec.setDomain("staging.blog.example.com");
        spec.setReplicas(1);
        staging.setSpec(spec);
        return staging;
    }
}
