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
    void onlyTheInstallJobGetsThemNotTheServingPods() {
        WordPressSite site = site("blog", "blog.example.com");
        var fpm = Dependents.wordpress(site).getSpec().getTemplate().getSpec()
                .getContainers().stream().filter(c -> c.getName().equals("php-fpm")).findFirst().orElseThrow();
        assertThat(fpm.getEnv()).extracting(EnvVar::getName).doesNotContain(WordPressInstallEnv.ADMIN_PASSWORD);
        var job = WordPressInstallJobDependent.job(site, "localhost/wpoven/wordpress:bookworm");
        var installer = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(installer.getImage()).isEqualTo("localhost/wpoven/wordpress:bookworm");
        assertThat(installer.getEnv()).extracting(EnvVar::getName).contains(WordPressInstallEnv.SITE_URL,
                WordPressInstallEnv.ADMIN_USER, WordPressInstallEnv.ADMIN_PASSWORD, "WORDPRESS_DB_PASSWORD");
        // secrets only by reference, never in the command line
        assertThat(installer.getEnv()).filteredOn(e -> e.getName().contains("PASSWORD"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials"));
        assertThat(String.join(" ", installer.getCommand())).endsWith("exec php /etc/wpoven/wordpress-install.php");
    }

    @Test
    void theInstallJobRunsOnceUnderTheRestrictedProfileWithinADeadline() {
        var job = WordPressInstallJobDependent.job(site("blog", "blog.example.com"), "wordpress:6-fpm");
        assertThat(job.getMetadata().getName()).isEqualTo("blog-install");
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "installer");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var sc = pod.getContainers().get(0).getSecurityContext();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        // the script and the object-cache drop-in come from the site's ConfigMap
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap().getItems())
                .extracting(i -> i.getKey()).contains("wordpress-install.php", "object-cache.php"));
    }
}
