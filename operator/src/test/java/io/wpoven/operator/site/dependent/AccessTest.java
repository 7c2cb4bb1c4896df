package io.wpoven.operator.site.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.config.ProxyNginxConfig;
import io.wpoven.operator.config.StackLayout;
import io.wpoven.operator.support.TestSites;

/** spec.access: basic auth and noindex at the front proxy, e.g. for a staging copy. */
class AccessTest {

    @Test
    void anOpenSiteHasNeitherAuthNorNoindex() {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        String conf = ProxyNginxConfig.render(site, StackLayout.inCluster(site));
        assertThat(conf).doesNotContain("auth_basic \"").doesNotContain("X-Robots-Tag");
        assertThat(Dependents.proxy(site).getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getName().equals("basic-auth"));
    }

    @Test
    void aProtectedSiteAsksForTheGeneratedLoginExceptOnItsHealthCheck() {
        WordPressSite site = protectedSite();
        String conf = ProxyNginxConfig.render(site, StackLayout.inCluster(site));
        assertThat(conf).contains("auth_basic \"staging.example.com\";")
                .contains("auth_basic_user_file /etc/wpoven-auth/htpasswd;")
                .contains("add_header X-Robots-Tag \"noindex, nofollow\" always;");
        assertThat(conf.substring(conf.indexOf("location = /healthz", conf.indexOf("server_name staging.example.com"))))
                .as("kubelet probes need no password").contains("auth_basic off;");
        var pod = Dependents.proxy(site).getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("staging-basic-auth");
            assertThat(v.getSecret().getItems()).singleElement().satisfies(i -> assertThat(i.getKey()).isEqualTo("htpasswd"));
        });
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/wpoven-auth"));
    }

    @Test
    void theHtpasswdLineVerifiesTheGeneratedPassword() throws Exception {
        Secret secret = new BasicAuthSecretDependent().desired(protectedSite(), null);
        String password = secret.getStringData().get("password");
        String line = secret.getStringData().get("htpasswd").strip();
        assertThat(line).startsWith("wpoven:{SSHA}");
        byte[] both = Base64.getDecoder().decode(line.substring("wpoven:{SSHA}".length()));
        byte[] digest = Arrays.copyOfRange(both, 0, 20);
        byte[] salt = Arrays.copyOfRange(both, 20, both.length);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        sha1.update(salt);
        assertThat(sha1.digest()).isEqualTo(digest);
        assertThat(password).hasSize(24);
    }

    static WordPressSite protectedSite() {
        WordPressSite site = TestSites.site("staging", "staging.example.com");
        AccessSpec access = new AccessSpec();
        access.setBasicAuth(true);
        access.setNoindex(true);
        site.getSpec().setAccess(access);
        return site;
    }
}
