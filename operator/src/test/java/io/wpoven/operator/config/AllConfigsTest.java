package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** What holds for every rendered file. */
class AllConfigsTest {

    private final WordPressSite site = site("blog", "blog.example.com");

    static Map<String, String> renderAll(WordPressSite site, StackLayout layout) {
        Waf waf = new Waf(Waf.DEBIAN_MODULE, Waf.DEBIAN_CRS_RULES, layout.runDir() + "/modsecurity.conf");
        return Map.of(
                "proxy-nginx.conf", ProxyNginxConfig.render(site, layout),
                "backend-nginx.conf", BackendNginxConfig.render(site, layout),
                "backend-nginx.conf with a WAF", BackendNginxConfig.render(site, layout, waf),
                "modsecurity.conf", ModSecurityConfig.render(site, layout, waf),
                "default.vcl", VarnishVcl.render(site, layout),
                "php-fpm.conf", PhpFpmPoolConfig.renderGlobal(layout) + PhpFpmPoolConfig.render(site, layout),
                "php.ini", PhpIni.render(site, layout),
                "my.cnf", MariaDbConfig.render(MariaDbConfig.memoryBytes(site), layout),
                "redis.conf", RedisConfig.render(site, layout),
                "wp-config-extra.php", WordPressConfigExtra.render(site, layout));
    }

    /** The stack test substitutes only the layout: no in-cluster address, port or path may be left behind. */
    @Test
    void everyAddressPortAndPathComesFromTheLayout() {
        StackLayout elsewhere = new StackLayout(18080, "127.0.0.2", 16081, "127.0.0.3", 18081, "127.0.0.4:19000",
                "127.0.0.5", 16379, "127.0.0.6", 13306, "127.0.0.1", 0, "/srv/stack/html", "/srv/stack/run");
        renderAll(site, elsewhere).forEach((name, content) -> assertThat(content).as(name)
                .doesNotContainPattern("(?<![0-9])0\\.0\\.0\\.0(?!/)") // the in-cluster bind address (not a CIDR like 10.0.0.0/8)
                .doesNotContain("blog-varnish", "blog-wordpress", "blog-redis", "blog-mariadb",
                        "/var/www", "/tmp", ":8080", ":6081", ":8081", "\"8081\"", ":9000", " 6379", " 3306"));
    }

    @Test
    void noPlaceholderIsLeftAndNoSecretIsWritten() {
        Map<String, String> files = renderAll(site, StackLayout.inCluster(site));
        files.forEach((name, content) -> assertThat(content).as(name)
                .doesNotContain("{{", "}}", "AUTH_KEY", "DB_PASSWORD").doesNotContainPattern("(?m)^requirepass"));
        // secrets are read where they are used, from the environment the Secret fills
        assertThat(files.get("default.vcl")).contains("std.getenv(\"WPOVEN_PURGE_TOKEN\")");
        assertThat(files.get("wp-config-extra.php")).contains("getenv('WPOVEN_REDIS_PASSWORD')");
    }

    @Test
    void renderingIsDeterministic() {
        WordPressSite same = site("blog", "blog.example.com");
        assertThat(renderAll(same, StackLayout.inCluster(same))).isEqualTo(renderAll(site, StackLayout.inCluster(site)));
    }
}
