package io.wpoven.operator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.IssuerRefSpec;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.TestSites;

/** What a tenant who writes only WordPressSites cannot make the operator do. */
class SitePolicyTest {
    final WordPressSite site = TestSites.site("blog", "blog.example.com", "www.blog.example.com");

    static OperatorConfig config(List<String> images, List<String> issuers, List<String> annotations) {
        return TestSites.config(TestSites.policy(images, issuers, annotations), null);
    }

    @Test
    void theDefaultImagesAndAllowedOnesAreApplied() {
        assertThat(SitePolicy.check(site, TestSites.config(), List.of(site))).isEmpty();
        site.getSpec().getWordpress().setImage("wordpress:test-fpm"); // the default, named explicitly
        site.getSpec().getWeb().setImage("registry.example.com/nginx:1.29");
        assertThat(SitePolicy.check(site, config(List.of("registry.example.com/*"), List.of(), List.of()), List.of())).isEmpty();
    }

    @Test
    void anImageOutsideTheAllowListRefusesTheSiteNamingTheField() {
        site.getSpec().getCache().setImage("evil.example.com/miner:latest");
        Optional<SitePolicy.Refusal> refused = SitePolicy.check(site, config(List.of("registry.example.com/*"), List.of(),
                List.of()), List.of());
        assertThat(refused).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo("ImageNotAllowed");
            assertThat(r.message()).contains("spec.cache.image (evil.example.com/miner:latest)");
        });
        site.getSpec().getCache().setImage(null);
        site.getSpec().getDatabase().getManaged().setImage("registry.example.com.evil.io/mariadb:11");
        assertThat(SitePolicy.check(site, config(List.of("registry.example.com/*"), List.of(), List.of()), List.of()))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("spec.database.managed.image"));
    }

    @Test
    void clusterIssuersAreThePlatformsChoicePerNamespace() {
        IssuerRefSpec issuer = new IssuerRefSpec();
        issuer.setName("internal-ca");
        issuer.setKind(IssuerRefSpec.Kind.ClusterIssuer);
        site.getSpec().getTls().setIssuerRef(issuer);
        assertThat(SitePolicy.check(site, TestSites.config(), List.of())).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo("IssuerNotAllowed");
            assertThat(r.message()).contains("spec.tls.issuerRef", "internal-ca", "shop");
        });
        assertThat(SitePolicy.check(site, config(List.of(), List.of("shop/internal-ca"), List.of()), List.of())).isEmpty();
        assertThat(SitePolicy.check(site, config(List.of(), List.of("other/internal-ca"), List.of()), List.of())).isPresent();
        assertThat(SitePolicy.check(site, config(List.of(), List.of("internal-ca"), List.of()), List.of())).isEmpty();
        issuer.setName("test-issuer"); // the operator's default issuer
        assertThat(SitePolicy.check(site, TestSites.config(), List.of())).isEmpty();
        issuer.setName("own-ca");
        issuer.setKind(IssuerRefSpec.Kind.Issuer); // the namespace's own
        assertThat(SitePolicy.check(site, TestSites.config(), List.of())).isEmpty();
    }

    @Test
    void aDomainServedByAnOlderSiteIsRefusedTheOlderSiteKeepsIt() {
        WordPressSite older = TestSites.site("shop", "shop.example.com", "www.blog.example.com");
        older.getMetadata().setNamespace("other");
        older.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        site.getMetadata().setCreationTimestamp("2026-02-01T00:00:00Z");
        List<WordPressSite> all = List.of(older, site);
        assertThat(SitePolicy.check(site, TestSites.config(), all)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo("DomainClaimed");
            assertThat(r.message()).contains("www.blog.example.com", "other/shop").doesNotContain("blog.example.com,");
        });
        assertThat(SitePolicy.check(older, TestSites.config(), all)).as("the older claim wins").isEmpty();
        older.getMetadata().setDeletionTimestamp("2026-03-01T00:00:00Z");
        assertThat(SitePolicy.check(site, TestSites.config(), all)).as("a site being deleted frees its domains").isEmpty();
    }

    /** policy.domainClaims: namespace — each namespace behind its own ingress: only sites of the same namespace compete. */
    @Test
    void withNamespaceClaimsOnlyASiteOfTheSameNamespaceHoldsADomain() {
        OperatorConfig base = TestSites.config();
        OperatorConfig.Policy policy = base.policy();
        OperatorConfig perNamespace = TestSites.config(new OperatorConfig.Policy() {
            public Optional<List<String>> allowedImages() {
                return policy.allowedImages();
            }

            public Optional<List<String>> allowedClusterIssuers() {
                return policy.allowedClusterIssuers();
            }

            public java.util.Optional<List<String>> allowedPriorityClasses() {
                return policy.allowedPriorityClasses();
            }

            public List<String> allowedIngressAnnotations() {
                return policy.allowedIngressAnnotations();
            }

            public List<String> trustedForwarders() {
                return policy.trustedForwarders();
            }

            public OperatorConfig.DomainClaims domainClaims() {
                return OperatorConfig.DomainClaims.namespace;
            }
        }, null);
        WordPressSite elsewhere = TestSites.site("shop", "www.blog.example.com");
        elsewhere.getMetadata().setNamespace("other");
        elsewhere.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        WordPressSite here = TestSites.site("shop", "www.blog.example.com");
        here.getMetadata().setCreationTimestamp("2026-01-15T00:00:00Z");
        site.getMetadata().setCreationTimestamp("2026-02-01T00:00:00Z");
        assertThat(SitePolicy.check(site, perNamespace, List.of(elsewhere, site))).as("another namespace's claim").isEmpty();
        assertThat(SitePolicy.check(site, perNamespace, List.of(elsewhere, here, site)))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("DomainClaimed"));
    }

    @Test
    void ingressAnnotationsOutsideTheAllowListAndSnippetsNeverReachTheIngress() {
        site.getSpec().getIngress().setAnnotations(Map.of(
                "nginx.ingress.kubernetes.io/proxy-body-size", "64m",
                "nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers x;",
                "nginx.ingress.kubernetes.io/server-snippet", "location /x { proxy_pass http://10.0.0.1; }",
                "nginx.ingress.kubernetes.io/auth-url", "http://attacker.example",
                "cert-manager.io/cluster-issuer", "internal-ca"));
        io.wpoven.operator.site.dependent.SiteIngressDependentAccess d = new io.wpoven.operator.site.dependent.SiteIngressDependentAccess();
        Ingress ingress = d.desired(site, config(List.of(), List.of(), List.of("nginx.ingress.kubernetes.io/*")));
        assertThat(ingress.getMetadata().getAnnotations()).containsOnlyKeys("nginx.ingress.kubernetes.io/proxy-body-size",
                "nginx.ingress.kubernetes.io/auth-url");
        ingress = d.desired(site, TestSites.config());
        assertThat(ingress.getMetadata().getAnnotations()).containsOnlyKeys("nginx.ingress.kubernetes.io/proxy-body-size",
                "cert-manager.io/cluster-issuer");
    }

    /** A PriorityClass decides whose pods are preempted: only the classes the platform hands out (here wpoven-*), never system-*. */
    @Test
    void aPriorityClassMustBeOneThePlatformAllows() {
        var placement = new io.wpoven.operator.api.v1alpha1.spec.PlacementSpec();
        site.getSpec().setPlacement(placement);
        assertThat(SitePolicy.check(site, TestSites.config(), List.of())).as("no class named").isEmpty();
        placement.setPriorityClassName("wpoven-premium");
        assertThat(SitePolicy.check(site, TestSites.config(), List.of())).isEmpty();
        for (String refused : List.of("high-priority", "system-cluster-critical")) {
            placement.setPriorityClassName(refused);
            assertThat(SitePolicy.check(site, TestSites.config(), List.of())).as(refused).hasValueSatisfying(r -> {
                assertThat(r.reason()).isEqualTo("PriorityClassNotAllowed");
                assertThat(r.message()).startsWith("spec.placement.priorityClassName: PriorityClass " + refused);
            });
        }
        OperatorConfig any = TestSites.config((OperatorConfig.Policy) java.lang.reflect.Proxy.newProxyInstance(OperatorConfig.Policy.class.getClassLoader(),
                new Class<?>[] { OperatorConfig.Policy.class }, (proxy, method, args) -> method.getName().equals("allowedPriorityClasses")
                        ? Optional.of(List.of("*")) : method.invoke(TestSites.config().policy(), args)), null);
        placement.setPriorityClassName("system-node-critical");
        assertThat(SitePolicy.check(site, any, List.of())).as("system-* even when every class is allowed")
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("PriorityClassNotAllowed"));
        placement.setPriorityClassName("gold");
        assertThat(SitePolicy.check(site, any, List.of())).isEmpty();
    }
}
