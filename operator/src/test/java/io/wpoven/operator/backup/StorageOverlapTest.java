package io.wpoven.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.S3StorageSpec;

class StorageOverlapTest {
    private static Backup backup(String namespace, String name, BackupStorageSpec storage, String prefix) {
        Backup b = new Backup();
        b.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid("uid-" + name).build());
        BackupSpec spec = new BackupSpec();
        storage.setPrefix(prefix);
        spec.setStorage(storage);
        b.setSpec(spec);
        return b;
    }

    private static BackupStorageSpec s3(String endpoint, String bucket) {
        S3StorageSpec s3 = new S3StorageSpec();
        s3.setEndpoint(endpoint);
        s3.setBucket(bucket);
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setS3(s3);
        return storage;
    }

    @Test
    void aParentOrChildPrefixOnTheSameStorageOverlaps() {
        Backup parent = backup("shop", "all", BackupJobsTest.pvc("backups"), "shop");
        Backup child = backup("shop", "blog", BackupJobsTest.pvc("backups"), "shop/blog");
        Backup sibling = backup("shop", "news", BackupJobsTest.pvc("backups"), "shop/news");
        Backup similar = backup("shop", "blog2", BackupJobsTest.pvc("backups"), "shop/blog2");
        Backup otherClaim = backup("shop", "elsewhere", BackupJobsTest.pvc("other"), "shop");
        List<Backup> all = List.of(parent, child, sibling, similar, otherClaim);

        assertThat(StorageOverlap.with(parent, all)).containsExactly("shop/blog", "shop/blog2", "shop/news");
        assertThat(StorageOverlap.with(child, all)).containsExactly("shop/all");
        assertThat(StorageOverlap.with(similar, all)).as("shop/blog2 is not inside shop/blog").containsExactly("shop/all");
        assertThat(StorageOverlap.with(otherClaim, all)).isEmpty();
        assertThat(StorageOverlap.message(StorageOverlap.with(child, all))).contains("shop/all").contains("spec.storage.prefix");
    }

    @Test
    void theSameBucketIsSharedAcrossNamespacesAndDefaultPrefixesDoNotOverlap() {
        Backup a = backup("a", "x", s3("https://s3.example.com/", "sites"), "team");
        Backup b = backup("b", "y", s3("https://S3.example.com", "sites"), "team/y");
        Backup defaulted1 = backup("a", "d1", s3("https://s3.example.com", "sites"), null);
        Backup defaulted2 = backup("a", "d2", s3("https://s3.example.com", "sites"), null);
        Backup otherBucket = backup("a", "z", s3("https://s3.example.com", "other"), "team");
        List<Backup> all = List.of(a, b, defaulted1, defaulted2, otherBucket);
        assertThat(StorageOverlap.with(a, all)).containsExactly("b/y");
        assertThat(StorageOverlap.with(defaulted1, all)).isEmpty();
    }

    @Test
    void theOlderBackupKeepsRunningTheNewcomerIsRefused() {
        Backup old = backup("shop", "all", BackupJobsTest.pvc("backups"), "shop");
        old.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        Backup newcomer = backup("shop", "blog", BackupJobsTest.pvc("backups"), "shop/blog");
        newcomer.getMetadata().setCreationTimestamp("2026-02-01T00:00:00Z");
        List<Backup> all = List.of(old, newcomer);
        assertThat(StorageOverlap.blocking(newcomer, all)).containsExactly("shop/all");
        assertThat(StorageOverlap.blocking(old, all)).isEmpty();
    }
}
