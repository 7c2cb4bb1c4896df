package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

class BackendNginxConfigTest {

    private final WordPressSite site = site("blog", "blog.example.com");
    private final String conf = BackendNginxConfig.render(site, StackLayout.inCluster(site));

    @Test
    void servesWordPressWithPrettyPermalinks() {
        assertThat(conf)
                .contains("listen 0.0.0.0:8081 default_server;")
                .contains("root /var/www/html;")
                .contains("index index.php;")
                .contains("try_files $uri $uri/ /index.php?$args;")
                .contains("fastcgi_pass 127.0.0.1:9000;");
    }

    @Test
    void passesTheRealHostPortAndSchemeToPhp() {
        assertThat(conf)
                .doesNotContain("include fastcgi_params")
                .contains("fastcgi_param HTTP_HOST         $http_host;")
                .contains("fastcgi_param SERVER_PORT       $wpoven_server_port;")
                .contains("fastcgi_param HTTPS             $wpoven_https if_not_empty;")
                .contains("fastcgi_param SCRIPT_FILENAME   $document_root$fastcgi_script_name;")
                .containsPattern("map \\$http_x_forwarded_proto \\$wpoven_https \\{\\s+default \"\";\\s+https\\s+on;");
    }

    @Test
    void phpMayRunAsLongAsTheSpecAllowsAndAcceptsUploadsOfItsSize() {
        assertThat(conf).contains("fastcgi_read_timeout 80s;").contains("client_max_body_size 64m;");

        site.getSpec().getWordpress().getPhp().setMaxExecutionTime(300);
        site.getSpec().getWordpress().getPhp().setUploadMaxSize("1G");
        assertThat(BackendNginxConfig.render(site, StackLayout.inCluster(site)))
                .contains("fastcgi_read_timeout 320s;").contains("client_max_body_size 1g;");
    }

    @Test
    void browsersCacheStaticAssetsAsLongAsTheSpecSays() {
        assertThat(conf).contains("add_header Cache-Control \"public, max-age=2592000\";");
        String statics = conf.substring(conf.indexOf("location ~* \\.(?:css|js"));
        assertThat(statics).contains("access_log off;").contains("woff2?").contains("svgz?").contains("ico");

        site.getSpec().getWeb().setStaticMaxAgeSeconds(600);
        assertThat(BackendNginxConfig.render(site, StackLayout.inCluster(site)))
                .contains("max-age=600\"").doesNotContain("max-age=2592000");
    }

    @Test
    void deniesWhatMustNotBeServed() {
        int php = conf.indexOf("location ~ \\.php$");
        int dotfiles = conf.indexOf("location ~ /\\.(?!well-known/)");
        int config = conf.indexOf("location ~* ^/(?:wp-config\\.php|wp-config-sample\\.php|readme\\.html|license\\.txt)$");
        int uploads = conf.indexOf("location ~* ^/wp-content/uploads/.*\\.(?:php[0-9]?|phtml|phar|pht)$");
        int installer = conf.indexOf("location ~* ^/wp-admin/(?:install|setup-config)\\.php$");
        assertThat(installer).as("the web installer is refused").isPositive().isLessThan(php);
        // nginx tries regular expressions in order: every denial must come before PHP
        assertThat(dotfiles).isPositive().isLessThan(php);
        assertThat(config).isPositive().isLessThan(php);
        assertThat(uploads).isPositive().isLessThan(php);
        assertThat(conf.substring(php)).contains("try_files $uri =404;");
    }

    @Test
    void answersProbes() {
        assertThat(conf).contains("location = /healthz");
        String ping = conf.substring(conf.indexOf("location = /fpm-ping"), conf.indexOf("location = /fpm-status"));
        assertThat(ping).contains("allow 127.0.0.1;").contains("deny all;").contains("fastcgi_pass 127.0.0.1:9000;");
    }

    @Test
    void runsWithoutRoot() {
        assertThat(conf).doesNotContainPattern("(?m)^\\s*user\\s")
                .contains("pid /tmp/nginx-backend.pid;")
                .contains("fastcgi_temp_path /tmp/")
                .contains("client_body_temp_path /tmp/")
                .doesNotContainPattern("(?m)^\\s*include\\s")
                .doesNotContain("{{");
    }

    @Test
    void aWafLoadsModSecurityWithTheRenderedRules() {
        Waf waf = new Waf("/usr/lib/nginx/modules/ngx_http_modsecurity_module.so", "/opt/crs/rules",
                "/etc/wpoven/modsecurity.conf");
        String withWaf = BackendNginxConfig.render(site, StackLayout.inCluster(site), waf);
        assertThat(withWaf)
                .contains("load_module /usr/lib/nginx/modules/ngx_http_modsecurity_module.so;\nworker_processes 2;")
                .contains("        modsecurity on;\n        modsecurity_rules_file /etc/wpoven/modsecurity.conf;\n");
        // in the server, so the probes, PHP and static files alike are inspected on a cache miss
        assertThat(withWaf.indexOf("modsecurity on;")).isGreaterThan(withWaf.indexOf("server {"))
                .isLessThan(withWaf.indexOf("location"));
        assertThat(conf).doesNotContain("modsecurity").doesNotContain("load_module");
    }

    @Test
    void nginxAcceptsItWithModSecurityAndTheCoreRuleSet(@TempDir Path dir) throws IOException {
        StackLayout layout = Processes.loopback(dir);
        Waf waf = Waf.debian(dir.resolve("modsecurity.conf").toString());
        Files.writeString(dir.resolve("modsecurity.conf"), ModSecurityConfig.render(site, layout, waf));
        ProxyNginxConfigTest.assertNginxAccepts(dir, BackendNginxConfig.render(site, layout, waf));
    }

    @Test
    void nginxAcceptsIt(@TempDir Path dir) throws IOException {
        ProxyNginxConfigTest.assertNginxAccepts(dir, BackendNginxConfig.render(site, Processes.loopback(dir)));
    }
}
