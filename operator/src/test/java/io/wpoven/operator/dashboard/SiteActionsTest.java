package io.wpoven.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupArtifact;
import io.wpoven.operator.api.v1alpha1.BackupStatus;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteBackupSpec;
import io.wpoven.operator.dashboard.ApiErrors.BadInput;

/** The objects the one-click actions write, built without a cluster. */
class SiteActionsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:11:12Z");
    private final KubernetesClient client = new KubernetesClientBuilder().build();
    private final SiteActions actions = new SiteActions(client, "team");

    @Test
    void backUpNowWritesAOneOffBackupToTheSitesBackupStorage() {
        WordPressSite site = site("blog");
        SiteBackupSpec auto = new SiteBackupSpec();
        BackupStorageSpec storage = pvc("backups");
        auto.setStorage(storage);
        site.getSpec().setBackup(auto);
        Backup b = actions.oneOffBackup(site, List.of(), NOW);
        assertThat(b.getMetadata().getName()).isEqualTo("blog-now-20261207-101112");
        assertThat(b.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(b.getSpec().getSiteRef().getName()).isEqualTo("blog");
        assertThat(b.getSpec().getSchedule()).as("one-off").isNull();
        assertThat(b.getSpec().getStorage().getPersistentVolumeClaim().getClaimName()).isEqualTo("backups");
    }

    @Test
    void withoutAnyStorageBackUpNowSaysWhatIsMissing() {
        assertThatThrownBy(() -> actions.oneOffBackup(site("blog"), List.of(), NOW)).isInstanceOf(BadInput.class)
                .hasMessageContaining("spec.backup.storage");
        // the storage of the site's newest Backup will do
        Backup old = backup("blog-daily", null);
        old.getSpec().setStorage(pvc("elsewhere"));
        assertThat(actions.oneOffBackup(site("blog"), List.of(old), NOW).getSpec().getStorage().getPersistentVolumeClaim().getClaimName())
                .isEqualTo("elsewhere");
    }

    @Test
    void cloneMakesANewSiteAndARestoreOfTheSourcesArtifactIntoIt() {
        WordPressSite source = site("blog");
        source.getSpec().setReplicas(3);
        WordPressSite target = actions.cloneSite(source, "blog-copy", "copy.example.com");
        assertThat(target.getMetadata().getName()).isEqualTo("blog-copy");
        assertThat(target.getSpec().getDomains()).containsExactly("copy.example.com");
        assertThat(target.getSpec().getReplicas()).isEqualTo(3);
        assertThat(source.getSpec().getDomains()).as("the source is untouched").containsExactly("blog.example.com");

        Restore r = actions.cloneRestore("blog", "blog-copy", backup("blog-daily", "20261207-0300"), null, NOW);
        assertThat(r.getMetadata().getName()).isEqualTo("blog-copy-clone-20261207-101112");
        assertThat(r.getSpec().getBackupRef().getName()).isEqualTo("blog-daily");
        assertThat(r.getSpec().getArtifact()).isEqualTo("20261207-0300");
        assertThat(r.getSpec().getTargetSite().getName()).isEqualTo("blog-copy");
        assertThat(r.getSpec().getSafetyBackup()).isFalse();

        assertThatThrownBy(() -> actions.cloneRestore("blog", "blog-copy", null, null, NOW)).hasMessageContaining("back it up first");
        assertThatThrownBy(() -> actions.cloneRestore("blog", "blog-copy", backup("blog-daily", null), null, NOW))
                .hasMessageContaining("no complete artifact");
    }

    @Test
    void restoreAndStagingNameTheSite() {
        Restore r = actions.restoreOf("blog", "blog-daily", "a1", NOW);
        assertThat(r.getSpec().getTargetSite().getName()).isEqualTo("blog");
        assertThat(r.getSpec().getArtifact()).isEqualTo("a1");
        assertThat(r.getSpec().getSafetyBackup()).as("the CRD's default: a pre-restore backup").isNull();
        var s = actions.staging("blog", "", "staging.blog.example.com");
        assertThat(s.getMetadata().getName()).isEqualTo("blog-staging");
        assertThat(s.getSpec().getSiteRef().getName()).isEqualTo("blog");
    }

    @Test
    void namesAndDomainsAreCheckedAndLongNamesCut() {
        assertThatThrownBy(() -> SiteActions.requireName("Blog_1")).isInstanceOf(BadInput.class);
        assertThatThrownBy(() -> SiteActions.requireDomain("not a domain")).isInstanceOf(BadInput.class);
        assertThat(SiteActions.shorten("a".repeat(60), "now-20261207-101112")).hasSizeLessThanOrEqualTo(63).endsWith("-now-20261207-101112");
        assertThatThrownBy(() -> actions.delete("blog", "blo")).hasMessageContaining("Type the site's name (blog)");
    }

    private static WordPressSite site(String name) {
        WordPressSite s = new WordPressSite();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
        WordPressSiteSpec spec = new WordPressSiteSpec();
        spec.setDomains(List.of(name + ".example.com"));
        s.setSpec(spec);
        return s;
    }

    private static BackupStorageSpec pvc(String claim) {
        BackupStorageSpec storage = new BackupStorageSpec();
        PvcStorageSpec p = new PvcStorageSpec();
        p.setClaimName(claim);
        storage.setPersistentVolumeClaim(p);
        return storage;
    }

    private static Backup backup(String name, String latestArtifact) {
        Backup b = new Backup();
        b.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
        b.setSpec(new io.wpoven.operator.api.v1alpha1.BackupSpec());
        if (latestArtifact != null) {
            BackupStatus st = new BackupStatus();
            BackupArtifact a = new BackupArtifact();
            a.setName(latestArtifact);
            st.setLatestArtifact(a);
            b.setStatus(st);
        }
        return b;
    }
}
