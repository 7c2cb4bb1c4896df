package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

class WordPressConfigExtraTest {

    private final WordPressSite site = site("blog", "blog.example.com", "www.example.com");

    @Test
    void homeIsThePrimaryDomainOverHttpsWhenTlsIsOn() {
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site)))
                .contains("define('WP_HOME', 'https://blog.example.com');")
                .contains("define('WP_SITEURL', 'https://blog.example.com');");

        site.getSpec().getTls().setEnabled(false);
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site)))
                .contains("define('WP_HOME', 'http://blog.example.com');");
    }

    @Test
    void pageViewsNeverRunWpCronWhileTheSitesCronJobDoes() {
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site)))
                .as("spec.wordpress.cron is on by default").contains("define('DISABLE_WP_CRON', true);");
        io.wpoven.operator.api.v1alpha1.spec.CronSpec off = new io.wpoven.operator.api.v1alpha1.spec.CronSpec();
        off.setEnabled(false);
        site.getSpec().getWordpress().setCron(off);
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site))).doesNotContain("DISABLE_WP_CRON");
    }

    @Test
    void homeCarriesANonDefaultPublicPort(@TempDir Path dir) {
        StackLayout local = Processes.loopback(dir);
        StackLayout withPort = new StackLayout(local.proxyPort(), local.varnishHost(), local.varnishPort(),
                local.backendHost(), local.backendPort(), local.fpmAddress(), local.redisHost(), local.redisPort(),
                local.dbHost(), local.dbPort(), local.bindAddress(), 8443, local.docroot(), local.runDir());
        assertThat(WordPressConfigExtra.homeUrl(site, withPort)).isEqualTo("https://blog.example.com:8443");
    }

    @Test
    void pointsTheObjectCacheAtRedisWithoutThePassword() {
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site)))
                .contains("define('WP_REDIS_HOST', 'blog-redis');")
                .contains("define('WP_REDIS_PORT', 6379);")
                .contains("define('WP_REDIS_PREFIX', 'shop:blog:');")
                .contains("define('WP_CACHE_KEY_SALT', 'shop:blog:');")
                .contains("define('WP_REDIS_PASSWORD', getenv('WPOVEN_REDIS_PASSWORD') ?: null);")
                .contains("define('FS_METHOD', 'direct');")
                .contains("define('WP_MEMORY_LIMIT', '256M');")
                .doesNotContain("{{");

        site.getSpec().getObjectCache().setEnabled(false);
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site))).doesNotContain("WP_REDIS");
    }

    @Test
    void namesTheVarnishThePurgePluginClearsWithoutTheToken() {
        assertThat(WordPressConfigExtra.render(site, StackLayout.inCluster(site)))
                .as("the headless Service: every Varnish pod").contains("define('WPOVEN_VARNISH_HOST', 'blog-varnish-pods');")
                .contains("define('WPOVEN_VARNISH_PORT', 6081);")
                .doesNotContain("WPOVEN_PURGE_TOKEN");
    }

    /** Evaluated the way the official image's wp-config.php does it, behind a proxy that speaks https. */
    @Test
    void phpEvaluatesIt(@TempDir Path dir) {
        String extra = WordPressConfigExtra.render(site, StackLayout.inCluster(site));
        Processes.Result result = Processes.run(dir,
                Map.of("WORDPRESS_CONFIG_EXTRA", extra, "WPOVEN_REDIS_PASSWORD", "from-the-secret"),
                "php", "-r", "$_SERVER['HTTP_X_FORWARDED_PROTO'] = 'https';"
                        + " eval(getenv('WORDPRESS_CONFIG_EXTRA'));"
                        + " echo json_encode([WP_HOME, WP_SITEURL, $_SERVER['HTTPS'], WP_REDIS_HOST, WP_REDIS_PORT,"
                        + " WP_REDIS_PASSWORD, WP_MEMORY_LIMIT]);");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("[\"https:\\/\\/blog.example.com\",\"https:\\/\\/blog.example.com\",\"on\","
                + "\"blog-redis\",6379,\"from-the-secret\",\"256M\"]");
    }
}
