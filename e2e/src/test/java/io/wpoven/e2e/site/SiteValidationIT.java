package io.wpoven.e2e.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Names;

/** Invalid sites never reach the operator: the API server rejects them at apply and names the field. */
@E2eTest
class SiteValidationIT {

    static final String HEAD = "apiVersion: wpoven.io/v1alpha1\nkind: WordPressSite\nmetadata: {name: bad}\n";

    static Stream<Arguments> invalidSites() {
        String many = IntStream.range(0, 51).mapToObj(i -> "s" + i + ".example.com").collect(Collectors.joining(", "));
        return Stream.of(
                Arguments.of("no domains", "spec: {replicas: 1}", "spec.domains"),
                Arguments.of("empty domains", "spec: {domains: []}", "spec.domains"),
                Arguments.of("51 domains", "spec: {domains: [" + many + "]}", "spec.domains"),
                Arguments.of("domain with a space", "spec: {domains: ['my blog.example.com']}", "spec.domains"),
                Arguments.of("upper-case domain", "spec: {domains: [Blog.Example.com]}", "spec.domains"),
                Arguments.of("duplicate domains", "spec: {domains: [a.example.com, a.example.com]}", "spec.domains"),
                Arguments.of("negative replicas", "spec: {domains: [a.example.com], replicas: -1}", "spec.replicas"),
                Arguments.of("too many replicas", "spec: {domains: [a.example.com], replicas: 101}", "spec.replicas"),
                Arguments.of("no Varnish pod", "spec: {domains: [a.example.com], cache: {replicas: 0}}", "spec.cache.replicas"),
                Arguments.of("too many Varnish pods", "spec: {domains: [a.example.com], cache: {replicas: 21}}",
                        "spec.cache.replicas"),
                Arguments.of("empty image", "spec: {domains: [a.example.com], wordpress: {image: ''}}", "spec.wordpress.image"),
                Arguments.of("php memory not a size", "spec: {domains: [a.example.com], wordpress: {php: {memoryLimit: lots}}}",
                        "spec.wordpress.php.memoryLimit"),
                Arguments.of("unknown process manager", "spec: {domains: [a.example.com], wordpress: {fpm: {pm: turbo}}}",
                        "spec.wordpress.fpm.pm"),
                Arguments.of("zero FPM children", "spec: {domains: [a.example.com], wordpress: {fpm: {maxChildren: 0}}}",
                        "spec.wordpress.fpm.maxChildren"),
                Arguments.of("spare servers out of order",
                        "spec: {domains: [a.example.com], wordpress: {fpm: {minSpareServers: 5, maxSpareServers: 2}}}",
                        "spec.wordpress.fpm"),
                Arguments.of("autoscaling min above max",
                        "spec: {domains: [a.example.com], autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2}}",
                        "spec.autoscaling"),
                Arguments.of("scale-down window over an hour",
                        "spec: {domains: [a.example.com], autoscaling: {scaleDownStabilizationSeconds: 3601}}",
                        "spec.autoscaling.scaleDownStabilizationSeconds"),
                Arguments.of("certificate shorter than cert-manager's minimum",
                        "spec: {domains: [a.example.com], tls: {duration: 30m}}", "spec.tls.duration"),
                Arguments.of("certificate renewed before it is issued",
                        "spec: {domains: [a.example.com], tls: {duration: 2h, renewBefore: 3h}}", "spec.tls.renewBefore"),
                Arguments.of("certificate lifetime not a duration",
                        "spec: {domains: [a.example.com], tls: {duration: 90d}}", "spec.tls.duration"),
                Arguments.of("managed and external database",
                        "spec: {domains: [a.example.com], database: {managed: {}, external: {host: db, name: wp, credentialsSecret: {name: s}}}}",
                        "spec.database"),
                Arguments.of("no database at all", "spec: {domains: [a.example.com], database: {}}", "spec.database"),
                Arguments.of("external database without host",
                        "spec: {domains: [a.example.com], database: {external: {name: wp, credentialsSecret: {name: s}}}}",
                        "spec.database.external.host"),
                Arguments.of("varnish size not a size", "spec: {domains: [a.example.com], cache: {size: huge}}", "spec.cache.size"),
                Arguments.of("micro-cache longer than a minute", "spec: {domains: [a.example.com], cache: {microCacheSeconds: 61}}",
                        "spec.cache.microCacheSeconds"),
                Arguments.of("redis maxmemory without unit", "spec: {domains: [a.example.com], objectCache: {maxMemory: '128'}}",
                        "spec.objectCache.maxMemory"),
                Arguments.of("unknown access mode", "spec: {domains: [a.example.com], storage: {accessMode: ReadOnlyMany}}",
                        "spec.storage.accessMode"),
                Arguments.of("storage without a size", "spec: {domains: [a.example.com], storage: {accessMode: ReadWriteMany}}",
                        "spec.storage.size"),
                Arguments.of("storage size in GB", "spec: {domains: [a.example.com], storage: {size: 5GB}}", "spec.storage.size"),
                Arguments.of("unknown deletion policy", "spec: {domains: [a.example.com], deletionPolicy: Sometimes}",
                        "spec.deletionPolicy"),
                Arguments.of("unknown issuer kind", "spec: {domains: [a.example.com], tls: {issuerRef: {name: x, kind: Cluster}}}",
                        "spec.tls.issuerRef.kind"),
                Arguments.of("ingress class with a space", "spec: {domains: [a.example.com], ingress: {className: 'my class'}}",
                        "spec.ingress.className"),
                Arguments.of("unknown malware scan action",
                        "spec: {domains: [a.example.com], security: {malwareScan: {enabled: true, action: Delete}}}",
                        "spec.security.malwareScan.action"),
                Arguments.of("malware scan schedule not cron",
                        "spec: {domains: [a.example.com], security: {malwareScan: {schedule: 'every day'}}}",
                        "spec.security.malwareScan.schedule"),
                Arguments.of("malware scan exclusion climbing out of wp-content",
                        "spec: {domains: [a.example.com], security: {malwareScan: {exclusions: ['uploads/../../etc']}}}",
                        "spec.security.malwareScan.exclusions"),
                Arguments.of("malware scan exclusion that is absolute",
                        "spec: {domains: [a.example.com], security: {malwareScan: {exclusions: ['/etc/**']}}}",
                        "spec.security.malwareScan.exclusions"),
                Arguments.of("an IPv4 address as a domain", "spec: {domains: [a.example.com, 10.0.0.1]}", "spec.domains"),
                Arguments.of("a number as the last label", "spec: {domains: [a.example.com, shop.1]}", "spec.domains"),
                Arguments.of("a hex IPv4 address as a domain", "spec: {domains: [0x7f.1]}", "spec.domains"),
                Arguments.of("two dots in the storage class", "spec: {domains: [a.example.com], storage: {size: 5Gi, storageClassName: 'fast..ssd'}}",
                        "spec.storage.storageClassName"),
                Arguments.of("'..' as the database storage class",
                        "spec: {domains: [a.example.com], database: {managed: {storage: {size: 2Gi, storageClassName: '..'}}}}",
                        "spec.database.managed.storage.storageClassName"),
                Arguments.of("two dots in the ingress class", "spec: {domains: [a.example.com], ingress: {className: 'a..b'}}",
                        "spec.ingress.className"),
                Arguments.of("a Gateway route without the Gateway's name", "spec: {domains: [a.example.com], gateway: {enabled: true}}",
                        "spec.gateway.name"),
                Arguments.of("a Gateway namespace that is no namespace name",
                        "spec: {domains: [a.example.com], gateway: {enabled: true, name: public, namespace: 'Gate_ways'}}",
                        "spec.gateway.namespace"),
                Arguments.of("'..' as the backup claim",
                        "spec: {domains: [a.example.com], backup: {schedule: '0 3 * * *', storage: {persistentVolumeClaim: {claimName: '..'}}}}",
                        "spec.backup.storage.persistentVolumeClaim.claimName"),
                Arguments.of("an annotation key with a space",
                        "spec: {domains: [a.example.com], ingress: {annotations: {'my key': x}}}", "spec.ingress.annotations"),
                Arguments.of("an annotation key with two slashes",
                        "spec: {domains: [a.example.com], ingress: {annotations: {'a/b/c': x}}}", "spec.ingress.annotations"),
                Arguments.of("an annotation key with an empty prefix",
                        "spec: {domains: [a.example.com], ingress: {annotations: {'/x': y}}}", "spec.ingress.annotations"),
                Arguments.of("an SSH key line that is not a public key",
                        "spec: {domains: [a.example.com], access: {ssh: {enabled: true, authorizedKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----']}}}",
                        "spec.access.ssh.authorizedKeys"),
                Arguments.of("an SSH key with options in front (a forced command, a from=)",
                        "spec: {domains: [a.example.com], access: {ssh: {enabled: true, authorizedKeys: ['command=\"sh\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA x']}}}",
                        "spec.access.ssh.authorizedKeys"),
                Arguments.of("an SSH key line with a second key after a line break",
                        "spec: {domains: [a.example.com], access: {ssh: {enabled: true, authorizedKeys: [\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA a\\nssh-rsa AAAAB3 b\"]}}}",
                        "spec.access.ssh.authorizedKeys"),
                Arguments.of("SSH enabled without any key",
                        "spec: {domains: [a.example.com], access: {ssh: {enabled: true}}}", "spec.access.ssh.authorizedKeys"),
                Arguments.of("unknown SSH service type",
                        "spec: {domains: [a.example.com], access: {ssh: {enabled: true, authorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA a'], serviceType: ExternalName}}}",
                        "spec.access.ssh.serviceType"),
                Arguments.of("a Git repository with a password in its URL",
                        "spec: {domains: [a.example.com], code: {git: {repository: 'https://u:p@git.example.com/t.git', path: themes/t}}}",
                        "spec.code.git.repository"),
                Arguments.of("an ssh Git repository",
                        "spec: {domains: [a.example.com], code: {git: {repository: 'ssh://git@git.example.com/t.git', path: themes/t}}}",
                        "spec.code.git.repository"),
                Arguments.of("Git deployment into uploads",
                        "spec: {domains: [a.example.com], code: {git: {repository: 'https://git.example.com/t.git', path: uploads/t}}}",
                        "spec.code.git.path"),
                Arguments.of("Git deployment climbing out of its folder",
                        "spec: {domains: [a.example.com], code: {git: {repository: 'https://git.example.com/t.git', path: themes/..}}}",
                        "spec.code.git.path"),
                Arguments.of("a Git subPath with '..'",
                        "spec: {domains: [a.example.com], code: {git: {repository: 'https://git.example.com/t.git', path: themes/t, subPath: a/../b}}}",
                        "spec.code.git.subPath"),
                Arguments.of("a Git poll interval under 10 s",
                        "spec: {domains: [a.example.com], code: {git: {repository: 'https://git.example.com/t.git', path: themes/t, pollIntervalSeconds: 5}}}",
                        "spec.code.git.pollIntervalSeconds"),
                Arguments.of("a system priority class (the cluster's own)",
                        "spec: {domains: [a.example.com], placement: {priorityClassName: system-cluster-critical}}",
                        "spec.placement.priorityClassName"),
                Arguments.of("a toleration of the control-plane taint",
                        "spec: {domains: [a.example.com], placement: {tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists}]}}",
                        "spec.placement.tolerations"),
                Arguments.of("a toleration without a key (it would tolerate every taint)",
                        "spec: {domains: [a.example.com], placement: {tolerations: [{operator: Exists}]}}",
                        "spec.placement.tolerations"),
                Arguments.of("a ServiceMonitor label value with a space",
                        "spec: {domains: [a.example.com], monitoring: {exporters: {enabled: true}, serviceMonitor: {enabled: true, labels: {release: 'my prom'}}}}",
                        "spec.monitoring.serviceMonitor.labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSites")
    void rejectedAtApplyWithTheFieldNamed(String what, String spec, String field, TestNamespace ns) {
        assertRejected(ns, HEAD + spec + "\n", field);
        assertThat(ns.site("bad").get()).isNull();
    }

    static void assertRejected(TestNamespace ns, String yaml, String field) {
        assertThatThrownBy(() -> ns.applyRaw(yaml))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException k = (KubernetesClientException) e;
                    assertThat(k.getCode()).isEqualTo(422);
                    assertThat(k.getMessage()).contains(field);
                });
    }

    static Stream<Arguments> unusableNames() {
        return Stream.of(
                Arguments.of("one character over the budget", "s" + "a".repeat(Names.SITE_NAME_MAX)),
                Arguments.of("a dot", "blog.example"),
                Arguments.of("a leading digit (Service names start with a letter)", "1blog"));
    }

    /** The operator names a site's objects after it (<name>-mariadb-0, <name>-wordpress): names it cannot use are refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableNames")
    void siteAndStagingNamesTheOperatorCannotUseAreRejected(String what, String name, TestNamespace ns) {
        assertRejected(ns, HEAD.replace("{name: bad}", "{name: " + name + "}") + "spec: {domains: [a.example.com]}\n",
                "metadata.name");
        assertRejected(ns, "apiVersion: wpoven.io/v1alpha1\nkind: Staging\nmetadata: {name: " + name + "}\n"
                + "spec: {siteRef: {name: blog}, domain: staging.example.com}\n", "metadata.name");
    }

    @Test
    void theLongestNameTheOperatorCanUseIsAccepted(TestNamespace ns) {
        String longest = "s" + "a".repeat(Names.SITE_NAME_MAX - 1);
        WordPressSite site = ns.applySiteYaml(HEAD.replace("{name: bad}", "{name: " + longest + "}")
                + "spec: {domains: [a.example.com], ingress: {annotations: {'nginx.ingress.kubernetes.io/proxy-body-size': 64m,"
                + " 'x': y}}}\n");
        assertThat(site.getMetadata().getName()).hasSize(Names.SITE_NAME_MAX);
    }

    @Test
    void backupsAndRestoresNamedLongerThanALabelValueAreRejected(TestNamespace ns) {
        String name = "b".repeat(64);
        assertRejected(ns, "apiVersion: wpoven.io/v1alpha1\nkind: Backup\nmetadata: {name: " + name + "}\n"
                + "spec: {siteRef: {name: blog}, storage: {persistentVolumeClaim: {claimName: backups}}}\n", "metadata.name");
        assertRejected(ns, "apiVersion: wpoven.io/v1alpha1\nkind: Restore\nmetadata: {name: " + name + "}\n"
                + "spec: {backupRef: {name: b}}\n", "metadata.name");
        assertRejected(ns, "apiVersion: wpoven.io/v1alpha1\nkind: Restore\nmetadata: {name: r}\n"
                + "spec: {backupRef: {name: 'b..c'}}\n", "spec.backupRef.name");
        assertRejected(ns, "apiVersion: wpoven.io/v1alpha1\nkind: Staging\nmetadata: {name: st}\n"
                + "spec: {siteRef: {name: blog}, domain: 192.168.1.10}\n", "spec.domain");
    }

    @Test
    void anImportNamesItsSiteItsFolderAndPlainFileNames(TestNamespace ns) {
        String head = "apiVersion: wpoven.io/v1alpha1\nkind: Restore\nmetadata: {name: imp}\n";
        String storage = "storage: {persistentVolumeClaim: {claimName: handover}, prefix: oldblog}";
        assertRejected(ns, head + "spec: {backupRef: {name: b}, targetSite: {name: blog}, importFrom: {" + storage
                + ", database: d.sql}}\n", "exactly one of backupRef");
        assertRejected(ns, head + "spec: {importFrom: {" + storage + ", database: d.sql}}\n", "spec.targetSite");
        assertRejected(ns, head + "spec: {targetSite: {name: blog}, importFrom: {storage: {persistentVolumeClaim:"
                + " {claimName: handover}}, database: d.sql}}\n", "spec.importFrom.storage");
        assertRejected(ns, head + "spec: {targetSite: {name: blog}, importFrom: {" + storage + "}}\n",
                "importFrom needs database, content or both");
        assertRejected(ns, head + "spec: {targetSite: {name: blog}, importFrom: {" + storage + ", database: ../d.sql}}\n",
                "spec.importFrom.database");
        assertRejected(ns, head + "spec: {targetSite: {name: blog}, artifact: a1, importFrom: {" + storage
                + ", database: d.sql}}\n", "spec.artifact");
        ns.applyRaw(head + "spec: {targetSite: {name: blog}, importFrom: {" + storage + ", database: d.sql.gz,"
                + " content: wp-content.tar.gz, siteUrl: 'https://old.example.com'}}\n");
    }

    @Test
    void immutableFieldsCannotBeChangedOnALiveSite(TestNamespace ns) {
        ns.applySiteYaml(HEAD.replace("bad", "ok") + "spec: {domains: [ok.example.com], storage: {size: 5Gi, storageClassName: standard}}\n");
        assertRejected(ns, HEAD.replace("bad", "ok") + "spec: {domains: [ok.example.com], storage: {size: 5Gi, storageClassName: fast}}\n",
                "spec.storage");
        assertRejected(ns, HEAD.replace("bad", "ok")
                + "spec: {domains: [ok.example.com], storage: {size: 5Gi, storageClassName: standard},"
                + " database: {external: {host: db, name: wp, credentialsSecret: {name: s}}}}\n", "spec.database");
        assertRejected(ns, HEAD.replace("bad", "ok")
                + "spec: {domains: [ok.example.com], storage: {size: 5Gi, storageClassName: standard, accessMode: ReadWriteMany}}\n",
                "spec.storage");
        assertThat(ns.site("ok").get().getSpec().getDatabase().getManaged()).isNotNull();
    }

    @Test
    void aMinimalSiteIsAcceptedAndCompletedByTheSchemaDefaults(TestNamespace ns) {
        WordPressSite site = ns.applySiteYaml(HEAD.replace("bad", "ok") + "spec: {domains: [ok.example.com, www.ok.example.com]}\n");
        assertThat(site.getSpec().getReplicas()).isEqualTo(1);
        assertThat(site.getSpec().getDatabase().getManaged().getStorage().getSize()).isEqualTo("2Gi");
        assertThat(site.getSpec().getCache().getSize()).isEqualTo("256M");
        assertThat(site.getSpec().getObjectCache().getEnabled()).isTrue();
        assertThat(site.getSpec().getWordpress().getFpm().getMaxChildren()).isEqualTo(10);
        assertThat(site.getSpec().getTls().getEnabled()).isTrue();
        assertThat(site.getSpec().getDeletionPolicy().name()).isEqualTo("Retain");
    }
}
