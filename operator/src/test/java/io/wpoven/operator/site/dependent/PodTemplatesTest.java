package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;
import io.wpoven.operator.api.v1alpha1.spec.CredentialsSecretSpec;
import io.wpoven.operator.config.VarnishParameters;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.support.RestrictedProfile;
import io.wpoven.operator.support.TestSites;

/** Every pod the operator makes: security profile, secrets only by reference, configs mounted, hashes. */
class PodTemplatesTest {

    static Map<String, PodTemplateSpec> templates(WordPressSite site) {
        return Map.of(
                "proxy", Dependents.proxy(site).getSpec().getTemplate(),
                "varnish", Dependents.varnish(site).getSpec().getTemplate(),
                "wordpress", Dependents.wordpress(site).getSpec().getTemplate(),
                "redis", Dependents.redis(site).getSpec().getTemplate(),
                "mariadb", Dependents.mariadb(site).getSpec().getTemplate());
    }

    /** A plain site and one with every exporter sidecar. */
    static List<WordPressSite> sites() {
        return List.of(site("blog", "blog.example.com"), TestSites.withExporters(site("blog", "blog.example.com"), true));
    }

    @Test
    void everyPodMeetsPodSecurityRestricted() {
        for (WordPressSite site : sites()) {
            templates(site).forEach((name, t) -> assertThat(RestrictedProfile.violations(t.getSpec())).as(name).isEmpty());
        }
    }

    @Test
    void secretsReachPodsOnlyAsSecretKeyRefsToKeysTheSecretHas() {
        sites().forEach(PodTemplatesTest::secretsOnlyAsSecretKeyRefs);
    }

    static void secretsOnlyAsSecretKeyRefs(WordPressSite site) {
        Secret secret = new SiteSecretDependent().desired(site, null);
        templates(site).forEach((name, t) -> {
            for (Container c : concat(t.getSpec().getInitContainers(), t.getSpec().getContainers())) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getName().matches(".*(PASSWORD|TOKEN|KEY|SALT).*")) {
                        assertThat(e.getValue()).as(name + " " + e.getName()).isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
                        assertThat(secret.getStringData()).containsKey(e.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
            }
        });
    }

    /** A secret in a container's command or args is readable in /proc by anyone on the node. */
    @Test
    void noSecretIsEverOnACommandLine() {
        for (WordPressSite site : sites()) {
            templates(site).forEach((name, t) -> {
                for (Container c : concat(t.getSpec().getInitContainers(), t.getSpec().getContainers())) {
                    List<String> argv = concat(c.getCommand(), c.getArgs());
                    assertThat(argv).as(name + "/" + c.getName() + " argv").noneMatch(a -> a.contains("$(")
                            && a.matches(".*\\$\\([A-Z_]*(PASSWORD|TOKEN|KEY|SALT)[A-Z_]*\\).*"));
                    assertThat(argv).as(name + "/" + c.getName()).noneMatch(a -> a.contains("--requirepass"));
                }
            });
        }
        var redis = Dependents.redis(site("blog", "blog.example.com")).getSpec().getTemplate().getSpec();
        assertThat(redis.getContainers().get(0).getEnv()).as("Redis itself gets no secret").isEmpty();
        assertThat(redis.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getCommand()).containsExactly("sh", "-c", io.wpoven.operator.config.RedisConfig
                    .authScript(io.wpoven.operator.config.StackLayout.inCluster(site("blog", "blog.example.com"))));
            assertThat(init.getEnv()).singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                    .isEqualTo(SiteSecretDependent.REDIS_PASSWORD));
        });
        assertThat(redis.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir().getMedium()).as("the password file never on disk").isEqualTo("Memory");
        });
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a == null ? List.of() : a);
        all.addAll(b == null ? List.of() : b);
        return all;
    }

    @Test
    void eachPodMountsOnlyConfigFilesThatTheConfigMapHas() {
        WordPressSite site = site("blog", "blog.example.com");
        Set<String> keys = SiteConfigFiles.render(site).keySet();
        templates(site).forEach((name, t) -> {
            var config = t.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
            assertThat(config.getConfigMap().getName()).isEqualTo("blog-config");
            assertThat(config.getConfigMap().getItems()).isNotEmpty()
                    .allSatisfy(i -> assertThat(keys).as(name).contains(i.getKey()));
            Set<String> subPaths = t.getSpec().getContainers().stream().flatMap(c -> c.getVolumeMounts().stream())
                    .filter(m -> m.getName().equals(config.getName()) && m.getSubPath() != null)
                    .map(m -> m.getSubPath()).collect(Collectors.toSet());
            assertThat(config.getConfigMap().getItems().stream().map(i -> i.getPath()).toList()).containsAll(subPaths);
        });
    }

    @Test
    void aConfigChangeRollsOnlyThePodsThatReadIt() {
        WordPressSite before = site("blog", "blog.example.com");
        WordPressSite after = site("blog", "blog.example.com");
        after.getSpec().getCache().setGraceSeconds(60);
        Function<PodTemplateSpec, String> hash = t -> t.getMetadata().getAnnotations().get(Pods.CONFIG_HASH);

        Map<String, PodTemplateSpec> a = templates(before);
        Map<String, PodTemplateSpec> b = templates(after);
        assertThat(hash.apply(b.get("varnish"))).isNotEqualTo(hash.apply(a.get("varnish")));
        for (String unchanged : List.of("proxy", "wordpress", "redis", "mariadb")) {
            assertThat(hash.apply(b.get(unchanged))).as(unchanged).isEqualTo(hash.apply(a.get(unchanged)));
        }
    }

    @Test
    void imagesComeFromTheSpecElseTheOperatorDefaults() {
        WordPressSite site = site("blog", "blog.example.com");
        assertThat(images(Dependents.wordpress(site).getSpec().getTemplate())).containsExactlyInAnyOrder("nginx:test", "wordpress:test-fpm");
        site.getSpec().getWordpress().setImage("registry.example.com/wp:1");
        site.getSpec().getWeb().setImage("registry.example.com/nginx:1");
        site.getSpec().getCache().setImage("registry.example.com/varnish:1");
        assertThat(images(Dependents.wordpress(site).getSpec().getTemplate()))
                .containsExactlyInAnyOrder("registry.example.com/nginx:1", "registry.example.com/wp:1");
        assertThat(images(Dependents.proxy(site).getSpec().getTemplate())).containsExactly("registry.example.com/nginx:1");
        assertThat(images(Dependents.varnish(site).getSpec().getTemplate())).containsExactly("registry.example.com/varnish:1");
        assertThat(images(Dependents.mariadb(site).getSpec().getTemplate())).containsExactly("mariadb:test");
    }

    @Test
    void wordpressFindsAnExternalDatabaseThroughTheUsersSecret() {
        WordPressSite site = site("blog", "blog.example.com");
        ExternalDatabaseSpec ext = new ExternalDatabaseSpec();
        ext.setHost("db.internal");
        ext.setPort(3307);
        ext.setName("blog");
        CredentialsSecretSpec creds = new CredentialsSecretSpec();
        creds.setName("blog-db");
        creds.setUsernameKey("user");
        creds.setPasswordKey("pass");
        ext.setCredentialsSecret(creds);
        site.getSpec().getDatabase().setManaged(null);
        site.getSpec().getDatabase().setExternal(ext);

        Map<String, EnvVar> env = Dependents.wordpress(site).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("php-fpm")).findFirst().orElseThrow().getEnv()
                .stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("WORDPRESS_DB_HOST").getValue()).isEqualTo("db.internal:3307");
        assertThat(env.get("WORDPRESS_DB_USER").getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-db");
        assertThat(env.get("WORDPRESS_DB_PASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pass");
    }

    @Test
    void withAutoscalingTheOperatorLeavesWordPressReplicasToTheHpa() {
        WordPressSite site = site("blog", "blog.example.com");
        site.getSpec().setReplicas(3);
        assertThat(Dependents.wordpress(site).getSpec().getReplicas()).isEqualTo(3);
        site.getSpec().getAutoscaling().setEnabled(true);
        assertThat(Dependents.wordpress(site).getSpec().getReplicas()).isNull();
    }

    @Test
    void cacheMemoryLimitsFollowTheConfiguredSizes() {
        WordPressSite site = site("blog", "blog.example.com");
        site.getSpec().getCache().setSize("1G");
        Container varnish = Dependents.varnish(site).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(varnish.getCommand()).contains("malloc,1G");
        assertThat(varnish.getCommand()).containsSubsequence(VarnishParameters.arguments());
        assertThat(varnish.getResources().getLimits().get("memory").getNumericalAmount().longValue())
                .isGreaterThan(1024L * 1024 * 1024);
    }

    private static List<String> images(PodTemplateSpec t) {
        return t.getSpec().getContainers().stream().map(Container::getImage).toList();
    }

    /**
     * The drop-ins mounted below wp-content need a folder on the volume; the WordPress pod makes it as the site's user
     * before the runtime would make it as root, so the tool (same user) can move it in a restore or a staging copy.
     */
    @Test
    void wordpressMakesTheDropInFoldersOnWpContentAsTheSitesUser() {
        PodTemplateSpec wordpress = Dependents.wordpress(site("blog", "blog.example.com")).getSpec().getTemplate();
        var init = wordpress.getSpec().getInitContainers();
        assertThat(init).hasSize(1);
        assertThat(init.get(0).getCommand()).containsExactly("mkdir", "-p", "/wp-content/mu-plugins");
        assertThat(init.get(0).getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo("wp-content");
            assertThat(m.getMountPath()).isEqualTo("/wp-content");
        });
        assertThat(init.get(0).getImage()).isEqualTo(wordpress.getSpec().getContainers().get(0).getImage());
        assertThat(init.get(0).getSecurityContext().getRunAsUser()).isNull();
        assertThat(wordpress.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(33L);
        var fpm = wordpress.getSpec().getContainers().get(0);
        assertThat(fpm.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath())
                .isEqualTo("/var/www/html/" + io.wpoven.operator.config.PurgeMuPlugin.PATH));
    }
}
