package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;

class StackLayoutTest {

    @Test
    void inTheClusterThePartsFindEachOtherByServiceName() {
        StackLayout layout = StackLayout.inCluster(site("blog", "blog.example.com"));

        assertThat(layout).isEqualTo(new StackLayout(8080,
                "blog-varnish", 6081,
                "blog-wordpress", 8081,
                "127.0.0.1:9000",
                "blog-redis", 6379,
                "blog-mariadb", 3306,
                "0.0.0.0", 0, "/var/www/html", "/tmp", "blog-varnish-pods"));
    }

    @Test
    void anExternalDatabaseIsReachedWhereTheSpecSays() {
        WordPressSite site = site("blog", "blog.example.com");
        ExternalDatabaseSpec external = new ExternalDatabaseSpec();
        external.setHost("db.example.com");
        external.setPort(3307);
        site.getSpec().getDatabase().setManaged(null);
        site.getSpec().getDatabase().setExternal(external);

        StackLayout layout = StackLayout.inCluster(site);
        assertThat(layout.dbHost()).isEqualTo("db.example.com");
        assertThat(layout.dbPort()).isEqualTo(3307);
    }

    @Test
    void refusesPortsAndPathsThatCannotWork() {
        assertThatThrownBy(() -> new StackLayout(0, "v", 1, "b", 1, "f:1", "r", 1, "d", 1, "0.0.0.0", 0, "/srv", "/tmp"))
                .hasMessageContaining("proxyPort");
        assertThatThrownBy(() -> new StackLayout(1, "v", 1, "b", 1, "f:1", "r", 1, "d", 1, "0.0.0.0", 0, "srv", "/tmp"))
                .hasMessageContaining("docroot");
        assertThatThrownBy(() -> new StackLayout(1, "v", 1, "b", 1, "f:1", "r", 1, "d", 1, "0.0.0.0", 0, "/srv", "/tmp/"))
                .hasMessageContaining("runDir");
    }
}
