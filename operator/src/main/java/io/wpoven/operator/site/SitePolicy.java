package io.wpoven.operator.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.IssuerRefSpec;
import io.wpoven.operator.support.OperatorConfig;

/**
 * What the platform lets a site do, checked before anything of the site is applied: a site that names an image
 * outside the allow-list, a ClusterIssuer its namespace may not use, or a domain another (older) site already
 * serves is refused, and nothing of that generation is rolled out. Pure: the site, the operator's config and the
 * other sites in, the first refusal out.
 */
public final class SitePolicy {
    private SitePolicy() {
    }

    public static final String REASON_IMAGE = "ImageNotAllowed";
    public static final String REASON_ISSUER = "IssuerNotAllowed";
    public static final String REASON_DOMAIN = "DomainClaimed";
    public static final String REASON_PHP_VERSION = "PhpVersionNotOffered";
    public static final String REASON_PRIORITY_CLASS = "PriorityClassNotAllowed";

    /** Why the site is not applied: a Ready reason and its message. */
    public record Refusal(String reason, String message) {
    }

    public static Optional<Refusal> check(WordPressSite site, OperatorConfig config, Collection<WordPressSite> sites) {
        List<String> images = refusedImages(site, config);
        if (!images.isEmpty()) {
            return Optional.of(new Refusal(REASON_IMAGE, "Images not allowed by the platform: " + String.join(", ", images)
                    + ". Use the default image or one the platform allows (wpoven.policy.allowed-images);"
                    + " nothing of this generation is applied"));
        }
        var wordpress = site.getSpec().getWordpress();
        Optional<String> php = io.wpoven.operator.support.PhpVersions.refusal(wordpress.getPhpVersion(), wordpress.getImage(), config);
        if (php.isPresent()) {
            return Optional.of(new Refusal(REASON_PHP_VERSION, php.get()));
        }
        Optional<String> issuer = refusedIssuer(site, config);
        if (issuer.isPresent()) {
            return Optional.of(new Refusal(REASON_ISSUER, issuer.get()));
        }
        Optional<String> priority = refusedPriorityClass(site, config);
        if (priority.isPresent()) {
            return Optional.of(new Refusal(REASON_PRIORITY_CLASS, priority.get()));
        }
        return claimedDomains(site, config.policy().domainClaims() == OperatorConfig.DomainClaims.namespace
                ? sites.stream().filter(s -> site.getMetadata().getNamespace().equals(s.getMetadata().getNamespace())).toList()
                : sites);
    }

    /** The spec fields naming an image the platform does not allow, as "field (image)". */
    static List<String> refusedImages(WordPressSite site, OperatorConfig config) {
        var spec = site.getSpec();
        var images = config.images();
        Map<String, String[]> chosen = new LinkedHashMap<>();
        chosen.put("spec.wordpress.image", new String[] { spec.getWordpress().getImage(), images.wordpress() });
        chosen.put("spec.web.image", new String[] { spec.getWeb().getImage(), images.nginx() });
        chosen.put("spec.cache.image", new String[] { spec.getCache().getImage(), images.varnish() });
        chosen.put("spec.objectCache.image", new String[] { spec.getObjectCache().getImage(), images.redis() });
        if (spec.getDatabase().getManaged() != null) {
            chosen.put("spec.database.managed.image", new String[] { spec.getDatabase().getManaged().getImage(), images.mariadb() });
        }
        List<String> allowed = config.policy().allowedImages().orElse(List.of());
        List<String> refused = new ArrayList<>();
        chosen.forEach((field, image) -> {
            if (image[0] != null && !image[0].equals(image[1]) && !matches(image[0], allowed)) {
                refused.add(field + " (" + image[0] + ")");
            }
        });
        return refused;
    }

    /** A ClusterIssuer other than the default must be allowed for every namespace or for the site's. */
    static Optional<String> refusedIssuer(WordPressSite site, OperatorConfig config) {
        IssuerRefSpec issuer = site.getSpec().getTls().getIssuerRef();
        if (issuer == null || issuer.getKind() != IssuerRefSpec.Kind.ClusterIssuer) {
            return Optional.empty(); // the default, or an Issuer of the site's own namespace
        }
        if (issuer.getName().equals(config.tls().issuerName()) && "ClusterIssuer".equals(config.tls().issuerKind())) {
            return Optional.empty();
        }
        List<String> allowed = config.policy().allowedClusterIssuers().orElse(List.of());
        if (allowed.contains(issuer.getName()) || allowed.contains(site.getMetadata().getNamespace() + "/" + issuer.getName())) {
            return Optional.empty();
        }
        return Optional.of("spec.tls.issuerRef: ClusterIssuer " + issuer.getName() + " may not be used in namespace "
                + site.getMetadata().getNamespace() + " (wpoven.policy.allowed-cluster-issuers); use the default issuer"
                + " or an Issuer of this namespace");
    }

    /** spec.placement.priorityClassName must be one the platform hands out; system-* classes never (the CRD refuses them too). */
    static Optional<String> refusedPriorityClass(WordPressSite site, OperatorConfig config) {
        var placement = site.getSpec().getPlacement();
        String name = placement == null ? null : placement.getPriorityClassName();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (!name.startsWith("system-") && matches(name, config.policy().allowedPriorityClasses().orElse(List.of()))) {
            return Optional.empty();
        }
        return Optional.of("spec.placement.priorityClassName: PriorityClass " + name + " is not allowed by the platform"
                + " (wpoven.policy.allowed-priority-classes); remove it or use one the platform allows;"
                + " nothing of this generation is applied");
    }

    /** A domain served by an older site (by creation time, then namespace/name) stays that site's. */
    static Optional<Refusal> claimedDomains(WordPressSite site, Collection<WordPressSite> sites) {
        List<String> taken = new ArrayList<>();
        String by = null;
        for (WordPressSite other : sites.stream().sorted(OLDEST_FIRST).toList()) {
            if (same(other, site) || other.getMetadata().getDeletionTimestamp() != null || other.getSpec() == null
                    || OLDEST_FIRST.compare(other, site) > 0) {
                continue;
            }
            for (String domain : site.getSpec().getDomains()) {
                if (other.getSpec().getDomains().contains(domain) && !taken.contains(domain)) {
                    taken.add(domain);
                    by = by == null ? other.getMetadata().getNamespace() + "/" + other.getMetadata().getName() : by;
                }
            }
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(REASON_DOMAIN, "spec.domains: " + String.join(", ", taken)
                + " already served by site " + by + ", which claimed it first; remove it from this site"));
    }

    static final Comparator<WordPressSite> OLDEST_FIRST = Comparator
            .comparing((WordPressSite s) -> Optional.ofNullable(s.getMetadata().getCreationTimestamp()).orElse("9999"))
            .thenComparing(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());

    private static boolean same(WordPressSite a, WordPressSite b) {
        return a.getMetadata().getName().equals(b.getMetadata().getName())
                && java.util.Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    /** Exact entries, or prefixes ending in '*'. */
    static boolean matches(String value, List<String> patterns) {
        return patterns.stream().map(String::trim).filter(p -> !p.isEmpty())
                .anyMatch(p -> p.endsWith("*") ? value.startsWith(p.substring(0, p.length() - 1)) : value.equals(p));
    }

    /** The site's Ingress annotations the platform allows; "*-snippet" keys never. */
    public static Map<String, String> allowedAnnotations(Map<String, String> requested, OperatorConfig config) {
        Map<String, String> allowed = new LinkedHashMap<>();
        if (requested != null) {
            requested.forEach((k, v) -> {
                if (annotationAllowed(k, config)) {
                    allowed.put(k, v);
                }
            });
        }
        return allowed;
    }

    public static boolean annotationAllowed(String key, OperatorConfig config) {
        return !key.toLowerCase(java.util.Locale.ROOT).endsWith("-snippet")
                && !key.toLowerCase(java.util.Locale.ROOT).contains("snippet")
                && matches(key, config.policy().allowedIngressAnnotations());
    }
}
