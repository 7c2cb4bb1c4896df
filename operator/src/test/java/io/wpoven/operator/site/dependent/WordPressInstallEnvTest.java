package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

class WordPressInstallEnvTest {

    private static Map<String, EnvVar> env(WordPressSite site) {
        return WordPressInstallEnv.of(site).stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @Test
    void installsOnThePrimaryDomainWithTheSchemeOfTheSite() {
        WordPressSite site = site("blog", "blog.example.com", "www.blog.example.com");
        site.getSpec().getTls().setEnabled(false);
        assertThat(env(site).get(WordPressInstallEnv.SITE_URL).getValue()).isEqualTo("http://blog.example.com");
        site.getSpec().getTls().setEnabled(true);
        assertThat(env(site).get(WordPressInstallEnv.SITE_URL).getValue()).isEqualTo("https://blog.example.com");
        assertThat(env(site).get(WordPressInstallEnv.SITE_TITLE).getValue()).isEqualTo("blog");
        assertThat(env(site).get(WordPressInstallEnv.ADMIN_EMAIL).getValue()).isEqualTo("admin@blog.example.com");
    }

    @Test
    void theAdminPasswordIsAnOptionalReferenceToTheSecret() {
        EnvVar password = env(site("blog", "blog.example.com")).get(WordPressInstallEnv.ADMIN_PASSWORD);
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(SiteSecretDependent.ADMIN_PASSWORD);
        // Secrets made before the key existed are create-only and lack it: the pod must still start
        assertThat(password.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
    }

    @Test
    void thePhpFpmContainerGetsThem() {
        var fpm = Dependents.wordpress(site("blog", "blog.example.com")).getSpec().getTemplate().getSpec()
                .getContainers().stream().filter(c -> c.getName().equals("php-fpm")).findFirst().orElseThrow();
        assertThat(fpm.getEnv()).extracting(EnvVar::getName).contains(WordPressInstallEnv.SITE_URL,
                WordPressInstallEnv.ADMIN_USER, WordPressInstallEnv.ADMIN_PASSWORD);
    }
}
