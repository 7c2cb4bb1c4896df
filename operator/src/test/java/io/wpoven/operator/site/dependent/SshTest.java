package io.wpoven.operator.site.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.wpoven.operator.api.v1alpha1.SshStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.api.v1alpha1.spec.SshKeysSecretSpec;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.site.SshStatusBuilder;
import io.wpoven.operator.site.condition.SshEnabled;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.TestSites;

/** spec.access.ssh: the SSH server's objects, built from the spec alone. */
class SshTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHu0bUgVJ2Ud8HqkLBlFNQTsB7Yf9Q0iP1vM3nkzTQ8d owner@laptop";

    static WordPressSite sshSite(List<String> keys, SshKeysSecretSpec secret, SshSpec.ServiceType type) {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        SshSpec ssh = new SshSpec();
        ssh.setEnabled(true);
        ssh.setAuthorizedKeys(keys);
        ssh.setAuthorizedKeysSecret(secret);
        ssh.setServiceType(type);
        AccessSpec access = new AccessSpec();
        access.setSsh(ssh);
        site.getSpec().setAccess(access);
        return site;
    }

    static WordPressSite sshSite() {
        return sshSite(List.of(KEY), null, null);
    }

    static Deployment deployment(WordPressSite site) {
        return Dependents.deployment(new SshDeploymentDependent(), site);
    }

    @Test
    void theServerRunsTheShellImageAsWwwDataUnderRestrictedPodSecurity() {
        Deployment d = deployment(sshSite());
        assertThat(d.getMetadata().getName()).isEqualTo("blog-ssh");
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(33L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(33L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container sshd = pod.getContainers().get(0);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(sshd.getImage()).isEqualTo("shell:test");
        assertThat(sshd.getCommand()).as("the image's entrypoint and sshd").isNullOrEmpty();
        assertThat(sshd.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(2222));
        for (Container c : List.of(sshd, pod.getInitContainers().get(0))) {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        }
        assertThat(sshd.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "ssh")
                .containsEntry("app.kubernetes.io/instance", "blog");
    }

    @Test
    void itMountsWpContentAndADocumentRootLikeTheWordPressPods() {
        WordPressSite site = sshSite();
        PodSpec pod = deployment(site).getSpec().getTemplate().getSpec();
        Map<String, String> mounts = new java.util.TreeMap<>();
        pod.getContainers().get(0).getVolumeMounts().forEach(m -> mounts.put(m.getMountPath(), m.getName()));
        assertThat(mounts).containsEntry("/var/www/html", "docroot").containsEntry("/var/www/html/wp-content", "wp-content")
                .containsEntry("/var/www/html/wp-content/mu-plugins/wpoven-purge.php", "config")
                .containsEntry("/usr/local/etc/php/conf.d/zz-wpoven.ini", "config")
                .containsEntry("/etc/wpoven/ssh", "authorized-keys").containsEntry("/etc/wpoven/ssh-host-key", "host-key")
                .containsEntry("/home/www-data", "home").containsEntry("/tmp", "tmp");
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("wp-content");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("blog-content");
        });
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("host-key");
            assertThat(v.getSecret().getSecretName()).isEqualTo("blog-ssh-host-key");
            assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440);
        });
        // the same WordPress settings as the PHP-FPM container, every secret by reference
        assertThat(pod.getContainers().get(0).getEnv()).isEqualTo(WordPressDeploymentDependent.wordpressEnv(site));
        assertThat(pod.getContainers().get(0).getEnv()).filteredOn(e -> e.getName().contains("PASSWORD"))
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
                });
    }

    @Test
    void inlineKeysComeFromTheConfigMapAndASecretsKeysStayInTheSecret() {
        SshKeysSecretSpec secret = new SshKeysSecretSpec();
        secret.setName("team-keys");
        secret.setKey("keys");
        WordPressSite site = sshSite(List.of(KEY, "  "), secret, null);
        assertThat(SiteConfigFiles.render(site)).containsEntry(SiteConfigFiles.SSH_AUTHORIZED_KEYS, KEY + "\n");
        var sources = deployment(site).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("authorized-keys")).findFirst().orElseThrow().getProjected().getSources();
        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).getConfigMap().getName()).isEqualTo("blog-config");
        assertThat(sources.get(0).getConfigMap().getItems()).singleElement().satisfies(i -> {
            assertThat(i.getKey()).isEqualTo("ssh-authorized-keys");
            assertThat(i.getPath()).isEqualTo("authorized_keys");
        });
        assertThat(sources.get(1).getSecret().getName()).isEqualTo("team-keys");
        assertThat(sources.get(1).getSecret().getItems()).singleElement().satisfies(i -> {
            assertThat(i.getKey()).isEqualTo("keys");
            assertThat(i.getPath()).isEqualTo("authorized_keys_secret");
        });

        WordPressSite onlySecret = sshSite(null, secret, null);
        assertThat(SiteConfigFiles.render(onlySecret)).doesNotContainKey(SiteConfigFiles.SSH_AUTHORIZED_KEYS);
        assertThat(deployment(onlySecret).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("authorized-keys")).findFirst().orElseThrow().getProjected().getSources())
                .singleElement().satisfies(s -> assertThat(s.getConfigMap()).isNull());
    }

    @Test
    void aChangedKeyRollsOnlyTheSshPod() {
        WordPressSite before = sshSite();
        WordPressSite after = sshSite(List.of(KEY, KEY.replace("owner@laptop", "second")), null, null);
        assertThat(deployment(after).getSpec().getTemplate().getMetadata().getAnnotations())
                .isNotEqualTo(deployment(before).getSpec().getTemplate().getMetadata().getAnnotations());
        assertThat(Dependents.wordpress(after).getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Dependents.wordpress(before).getSpec().getTemplate().getMetadata().getAnnotations());
    }

    @Test
    void theServerStopsWhileTheSiteIsQuiesced() {
        WordPressSite site = sshSite();
        site.getMetadata().setAnnotations(Map.of(Quiesce.ANNOTATION, "restore/r1"));
        assertThat(deployment(site).getSpec().getReplicas()).isZero();
    }

    @Test
    void theServiceHasTheAskedTypeAndThePolicyOpensOnlySshd() {
        Service clusterIp = Dependents.service(new SshServiceDependent(), sshSite());
        assertThat(clusterIp.getMetadata().getName()).isEqualTo("blog-ssh");
        assertThat(clusterIp.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(clusterIp.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(2222);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("ssh");
        });
        assertThat(clusterIp.getSpec().getSelector())
                .isEqualTo(Map.of("app.kubernetes.io/name", "wordpress", "app.kubernetes.io/instance", "blog",
                        "app.kubernetes.io/component", "ssh"));
        assertThat(Dependents.service(new SshServiceDependent(), sshSite(List.of(KEY), null, SshSpec.ServiceType.NODE_PORT))
                .getSpec().getType()).isEqualTo("NodePort");

        NetworkPolicy policy = Dependents.policy(new SshNetworkPolicyDependent(), sshSite());
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "ssh");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).as("any client: the Service may be a NodePort or a load balancer").isNullOrEmpty();
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(2222));
        });
    }

    @Test
    void theHostKeyIsAnEcdsaKeyInPemThatOpenSshReadsAndEachSiteGetsItsOwn() throws Exception {
        var dependent = new SshHostKeySecretDependent();
        var secret = dependent.desired(sshSite(), null);
        assertThat(secret.getMetadata().getName()).isEqualTo("blog-ssh-host-key");
        String pem = secret.getStringData().get("ssh_host_key");
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(dependent.desired(sshSite(), null).getStringData().get("ssh_host_key")).isNotEqualTo(pem);
    }

    @Test
    void theKeyPatternTakesPublicKeyLinesOnly() {
        Pattern line = Pattern.compile(SshSpec.KEY_LINE);
        assertThat(List.of(KEY, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 x", "ecdsa-sha2-nistp256 AAAAE2VjZHNh= a b c",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA")).allMatch(k -> line.matcher(k).matches());
        assertThat(List.of("command=\"sh\" " + KEY, "from=\"10.0.0.1\" " + KEY, KEY + "\nssh-rsa AAAAB3 b",
                "-----BEGIN OPENSSH PRIVATE KEY-----", "ssh-dss AAAAB3NzaC1kc3MAAACBAP x", "ssh-ed25519  AAAA"))
                .noneMatch(k -> line.matcher(k).matches());
    }

    @Test
    void statusSaysHowToConnectOrWhySshIsNotOffered() {
        WordPressSite site = sshSite(List.of(KEY), null, SshSpec.ServiceType.NODE_PORT);
        Service service = new ServiceBuilder(Dependents.service(new SshServiceDependent(), site)).editSpec()
                .editFirstPort().withNodePort(30222).endPort().endSpec().build();
        Deployment ready = new DeploymentBuilder(deployment(site)).withNewStatus().withReadyReplicas(1).endStatus().build();
        SshStatus status = SshStatusBuilder.build(site, TestSites.config(), Optional.of(ready), Optional.of(service));
        assertThat(status.getService()).isEqualTo("blog-ssh");
        assertThat(status.getPort()).isEqualTo(2222);
        assertThat(status.getUser()).isEqualTo("www-data");
        assertThat(status.getServiceType()).isEqualTo("NodePort");
        assertThat(status.getNodePort()).isEqualTo(30222);
        assertThat(status.getReady()).isTrue();
        assertThat(status.getMessage()).isNull();
        assertThat(SshStatusBuilder.build(site, TestSites.config(), Optional.empty(), Optional.empty()).getReady()).isFalse();

        assertThat(SshStatusBuilder.build(TestSites.site("blog", "blog.example.com"), TestSites.config(), Optional.empty(),
                Optional.empty())).as("SSH off: no status").isNull();
        OperatorConfig noShell = withoutShellImage();
        assertThat(SshEnabled.holds(site, TestSites.config())).isTrue();
        assertThat(SshEnabled.holds(site, noShell)).as("nothing to run without a shell image").isFalse();
        SshStatus unavailable = SshStatusBuilder.build(site, noShell, Optional.empty(), Optional.empty());
        assertThat(unavailable.getReady()).isFalse();
        assertThat(unavailable.getMessage()).contains("wpoven.images.shell");
    }

    /** The test configuration with no shell image, as a platform that did not set one. */
    static OperatorConfig withoutShellImage() {
        OperatorConfig base = TestSites.config();
        OperatorConfig.Images images = (OperatorConfig.Images) java.lang.reflect.Proxy.newProxyInstance(
                OperatorConfig.Images.class.getClassLoader(), new Class<?>[] { OperatorConfig.Images.class },
                (proxy, method, args) -> method.getName().equals("shell") ? Optional.empty()
                        : method.invoke(base.images(), args));
        return (OperatorConfig) java.lang.reflect.Proxy.newProxyInstance(OperatorConfig.class.getClassLoader(),
                new Class<?>[] { OperatorConfig.class },
                (proxy, method, args) -> method.getName().equals("images") ? images : method.invoke(base, args));
    }
}
