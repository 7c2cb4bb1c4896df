package io.wpoven.operator.support;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator-wide settings (application.properties, env WPOVEN_*, Helm values). */
@ConfigMapping(prefix = "wpoven")
public interface OperatorConfig {

    Images images();

    Tls tls();

    Policy policy();

    /**
     * What a tenant who may write only wpoven.io objects may make the operator do: which images run, which
     * ClusterIssuers sign, which Ingress annotations reach the ingress controller. Set by the platform (Helm values
     * policy.*), never by a site.
     */
    interface Policy {
        /**
         * Images a site may name besides the operator's defaults (which are always allowed): exact references, or a
         * prefix ending in '*' (registry.example.com/wordpress:*). Empty: only the defaults.
         */
        Optional<List<String>> allowedImages();

        /**
         * ClusterIssuers a site may name besides the operator's default issuer: a name (every namespace) or
         * namespace/name (that namespace only). An Issuer (namespaced) of the site's own namespace is always allowed.
         */
        Optional<List<String>> allowedClusterIssuers();

        /**
         * PriorityClasses a site's spec.placement.priorityClassName may name: exact names, or a prefix ending in '*'.
         * Empty: none (a class decides whose pods are preempted, so the platform hands them out). system-* never.
         */
        Optional<List<String>> allowedPriorityClasses();

        /**
         * Ingress annotation keys a site may set: exact keys or a prefix ending in '*'. Keys ending in "-snippet"
         * (configuration injected into the ingress controller) are never applied, whatever this list says.
         */
        @WithDefault("nginx.ingress.kubernetes.io/proxy-body-size,nginx.ingress.kubernetes.io/proxy-read-timeout,"
                + "nginx.ingress.kubernetes.io/proxy-send-timeout,nginx.ingress.kubernetes.io/proxy-connect-timeout,"
                + "nginx.ingress.kubernetes.io/ssl-redirect,nginx.ingress.kubernetes.io/force-ssl-redirect,"
                + "nginx.ingress.kubernetes.io/limit-rps,nginx.ingress.kubernetes.io/limit-connections,"
                + "nginx.ingress.kubernetes.io/whitelist-source-range,cert-manager.io/*,external-dns.alpha.kubernetes.io/*")
        List<String> allowedIngressAnnotations();

        /**
         * The Ingress controller's addresses or CIDRs: only from these does a site's proxy believe X-Forwarded-For
         * (the visitor's address) and X-Forwarded-Proto (the scheme). Default: private ranges and loopback.
         */
        @WithDefault("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8,fc00::/7,::1/128")
        List<String> trustedForwarders();

        /**
         * Where a domain belongs to the site that claimed it first: {@code cluster} (default: one ingress for the whole
         * cluster, so a host name is one site's) or {@code namespace} (each namespace behind its own ingress
         * controller or class, so sites of different namespaces may serve the same host name).
         */
        @WithDefault("cluster")
        DomainClaims domainClaims();
    }

    /** The scope in which a domain is one site's (see {@link Policy#domainClaims()}). */
    enum DomainClaims {
        cluster, namespace
    }

    Jobs jobs();

    NetworkPolicies networkPolicy();

    /**
     * Who may reach a site's pods besides the site itself (docs/network-policies.md): the NetworkPolicies of every
     * site are built from these. They only take effect on a cluster whose network enforces NetworkPolicies.
     */
    interface NetworkPolicies {
        /**
         * Namespaces whose pods may reach the sites' front proxies: the ingress controller's (or a Gateway's). "*": any
         * namespace's pods. Traffic from the node itself (a host-network controller, kubelet's probes) is not a pod's.
         */
        @WithDefault("ingress-nginx")
        List<String> ingressNamespaces();

        /** Namespaces whose pods may scrape the exporter sidecars' metrics ports (spec.monitoring); "*": any. */
        @WithDefault("monitoring")
        List<String> monitoringNamespaces();

        /**
         * Addresses (CIDRs) also let in on the exporters' metrics ports: the API server's, when the dashboard reads
         * them through pods/proxy on a cluster whose control plane is not on a node of the cluster's network.
         */
        Optional<List<String>> monitoringCidrs();

        /**
         * The operator's own namespace (the chart sets it from the downward API): only the operator's pods there may
         * send a purge to Varnish. Unset (the operator runs outside the cluster): no pod is let in for it.
         */
        Optional<String> operatorNamespace();

        /** spec.security.egress Restricted: the namespace of the cluster DNS (kube-dns/CoreDNS pods). */
        @WithDefault("kube-system")
        String dnsNamespace();

        /** spec.security.egress Restricted: the labels of the cluster DNS pods in {@link #dnsNamespace()}. */
        @WithDefault("k8s-app=kube-dns")
        List<String> dnsPodLabels();

        /**
         * spec.security.egress Restricted: DNS servers by address besides the DNS pods, e.g. NodeLocal DNSCache
         * (169.254.20.10/32) or a DNS server on the node.
         */
        Optional<List<String>> dnsCidrs();

        /**
         * spec.security.egress Restricted: the ranges never reached "on the internet": link-local (cloud metadata) and
         * the cluster's pod and Service ranges (default: every private range, which holds them on most clusters).
         */
        @WithDefault("169.254.0.0/16,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fe80::/10,fc00::/7")
        List<String> egressExcludedCidrs();
    }

    /** Default images; a site's spec overrides each. Pinned tags of the official images. */
    interface Images {
        @WithDefault("wordpress:6.8.3-php8.2-fpm")
        String wordpress();

        /** The PHP version (major.minor) of the wordpress image: a site without spec.wordpress.phpVersion runs it. */
        @WithDefault("8.2")
        String wordpressPhpVersion();

        /**
         * Further PHP versions a site may choose with spec.wordpress.phpVersion, each VERSION=IMAGE, e.g.
         * 8.4=registry.example.com/wordpress:6.8-php8.4-fpm (moved to registry like the defaults). Empty: only the
         * default image's version.
         */
        Optional<List<String>> wordpressPhpImages();

        @WithDefault("nginx:1.28.0")
        String nginx();

        @WithDefault("varnish:7.7.1")
        String varnish();

        @WithDefault("redis:7.4.5")
        String redis();

        @WithDefault("mariadb:11.4.8")
        String mariadb();

        /** The operator's own image: its tool runs backup, restore and staging Jobs. */
        @WithDefault("ghcr.io/wpoven/wpoven-operator:0.1.0")
        String tool();

        /**
         * The site's SSH and SFTP server (spec.access.ssh): sshd with the WordPress image's core and PHP (the project's
         * images/shell). No official image has it, so there is no default: without one, SSH is not offered and the
         * site's status.ssh says so.
         */
        Optional<String> shell();

        /** Exporter sidecars (spec.monitoring.exporters); operator-wide, a site cannot choose them. */
        @WithDefault("nginx/nginx-prometheus-exporter:1.4.2")
        String nginxExporter();

        @WithDefault("hipages/php-fpm_exporter:2.2.0")
        String phpFpmExporter();

        /**
         * Needs prometheus_varnish_exporter and the varnishstat of the site's Varnish major version in one image;
         * no official image has both, so there is no default and, without one, Varnish runs without an exporter.
         */
        Optional<String> varnishExporter();

        @WithDefault("oliver006/redis_exporter:v1.74.0")
        String redisExporter();

        @WithDefault("prom/mysqld-exporter:v0.17.2")
        String mysqldExporter();

        /**
         * A registry (host[:port][/path]) that replaces the registry of every image above, e.g. a mirror: the
         * official wordpress:6.8.3-php8.2-fpm becomes REGISTRY/library/wordpress:6.8.3-php8.2-fpm. Images a site
         * names in its spec are left as they are.
         */
        Optional<String> registry();

        /** Secrets (names, in each site's namespace) every site pod and tool Job pulls its images with. */
        Optional<List<String>> pullSecrets();
    }

    /** How the tool's Jobs (backup, restore, staging copies, cleanup) run. */
    interface Jobs {
        @WithDefault("100m")
        String cpuRequest();

        @WithDefault("256Mi")
        String memoryRequest();

        @WithDefault("1Gi")
        String memoryLimit();

        /** Absent: no CPU limit (a run may use idle CPU). */
        Optional<String> cpuLimit();

        /** The /tmp work volume (S3 artifacts are staged there): a Job writing more is evicted and fails. */
        @WithDefault("20Gi")
        String workVolumeSizeLimit();
    }

    /** The cert-manager issuer used when a site names none. */
    interface Tls {
        @WithDefault("letsencrypt")
        String issuerName();

        @WithDefault("ClusterIssuer")
        String issuerKind();
    }
}
