package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CredentialsSecretSpec;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;

class MariaDbConfigTest {
    private static final long MIB = 1024L * 1024L;

    private final WordPressSite site = site("blog", "blog.example.com");

    @Test
    void theBufferPoolIsHalfTheMemory() {
        String cnf = MariaDbConfig.render(MariaDbConfig.memoryBytes(site), StackLayout.inCluster(site));
        assertThat(cnf).contains("innodb_buffer_pool_size = 256M\n").contains("max_connections = 50\n");

        String big = MariaDbConfig.render(4096 * MIB, StackLayout.inCluster(site));
        assertThat(big).contains("innodb_buffer_pool_size = 2048M\n").contains("max_connections = 400\n");
    }

    @Test
    void sizesStayWithinSaneBounds() {
        assertThat(MariaDbConfig.bufferPoolMiB(100 * MIB)).isEqualTo(64);
        // rounded down to whole MiB
        assertThat(MariaDbConfig.bufferPoolMiB(1000 * MIB + 12345)).isEqualTo(500);
        assertThat(MariaDbConfig.maxConnections(256 * MIB)).isEqualTo(50);
        assertThat(MariaDbConfig.maxConnections(1024 * MIB)).isEqualTo(100);
        assertThat(MariaDbConfig.maxConnections(64 * 1024 * MIB)).isEqualTo(500);
    }

    @Test
    void theMemoryIsTheContainersLimit() {
        site.getSpec().getDatabase().getManaged().setResources(new ResourceRequirementsBuilder()
                .addToRequests(Map.of("memory", new Quantity("1Gi")))
                .addToLimits(Map.of("memory", new Quantity("2Gi"))).build());
        assertThat(MariaDbConfig.memoryBytes(site)).isEqualTo(2048 * MIB);

        site.getSpec().getDatabase().getManaged().setResources(new ResourceRequirementsBuilder()
                .addToRequests(Map.of("memory", new Quantity("1Gi"))).build());
        assertThat(MariaDbConfig.memoryBytes(site)).isEqualTo(1024 * MIB);

        site.getSpec().getDatabase().getManaged().setResources(null);
        assertThat(MariaDbConfig.memoryBytes(site)).isEqualTo(512 * MIB);
    }

    @Test
    void anExternalDatabaseHasNoMyCnf() {
        ExternalDatabaseSpec external = new ExternalDatabaseSpec();
        external.setHost("db.example.com");
        external.setPort(3306);
        external.setName("wp");
        external.setCredentialsSecret(new CredentialsSecretSpec());
        site.getSpec().getDatabase().setManaged(null);
        site.getSpec().getDatabase().setExternal(external);
        assertThatThrownBy(() -> MariaDbConfig.memoryBytes(site)).hasMessageContaining("external database");
    }

    @Test
    void speaksUtf8mb4OnTheLayoutsPort() {
        assertThat(MariaDbConfig.render(512 * MIB, StackLayout.inCluster(site)))
                .startsWith("# MariaDB").contains("\n[mysqld]\n")
                .contains("port = 3306\n")
                .contains("bind-address = 0.0.0.0\n")
                .contains("skip-name-resolve\n")
                .contains("character-set-server = utf8mb4\n")
                .contains("collation-server = utf8mb4_unicode_ci\n")
                .contains("tmp_table_size = 16M\n").contains("max_heap_table_size = 16M\n")
                .doesNotContainPattern("(?m)^(datadir|socket|pid-file)").doesNotContain("{{");
    }
}
