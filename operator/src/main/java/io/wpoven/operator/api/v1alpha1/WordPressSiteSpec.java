package io.wpoven.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.wpoven.operator.api.v1alpha1.spec.AutoscalingSpec;
import io.wpoven.operator.api.v1alpha1.spec.CacheSpec;
import io.wpoven.operator.api.v1alpha1.spec.DatabaseSpec;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.api.v1alpha1.spec.IngressSpec;
import io.wpoven.operator.api.v1alpha1.spec.GatewaySpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteBackupSpec;
import io.wpoven.operator.api.v1alpha1.spec.MonitoringSpec;
import io.wpoven.operator.api.v1alpha1.spec.PodTemplateSpec;
import io.wpoven.operator.api.v1alpha1.spec.ObjectCacheSpec;
import io.wpoven.operator.api.v1alpha1.spec.SecuritySpec;
import io.wpoven.operator.api.v1alpha1.spec.TlsSpec;
import io.wpoven.operator.api.v1alpha1.spec.VolumeSpec;
import io.wpoven.operator.api.v1alpha1.spec.WebSpec;
import io.wpoven.operator.api.v1alpha1.spec.WordPressSpec;

/**
 * What a site owner asks for. Every field has a schema default, so {@code spec: {domains: [blog.example.com]}}
 * alone is a complete cached site; defaults are never written back by the operator.
 */
@JsonClassDescription("The desired site: domains, WordPress and PHP, the database, caches, web tier, TLS, backups and"
        + " monitoring. Defaults live in this schema; the operator never writes them back.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WordPressSiteSpec {

    /** A lowercase DNS name: labels of letters, digits and '-', joined by dots. */
    public static final String DNS_NAME = "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /**
     * A domain that is a number in its last label is an IP address to browsers and URL parsers (10.0.0.1, 1.2.3.0x1):
     * no certificate, Host or cache key can be made for it.
     */
    public static final String NOT_AN_IP_ADDRESS = "!self.matches('(^|[.])([0-9]+|0x[0-9a-f]*)$')";

    public enum DeletionPolicy {
        Retain, Delete
    }

    @Required
    @Size(min = 1, max = 50)
    @ValidationRule(value = "self.all(d, self.exists_one(x, x == d))", message = "domains must be unique")
    @ValidationRule(value = "self.all(d, !d.matches('(^|[.])([0-9]+|0x[0-9a-f]*)$'))",
            message = "domains must be host names, not IP addresses: the last label of a domain cannot be a number")
    @JsonPropertyDescription("Host names the site answers on: lowercase DNS names such as blog.example.com,"
            + " not IP addresses."
            + " The first is the primary domain: WordPress's home and site URL.")
    private List<@Size(min = 1, max = 253) @Pattern(DNS_NAME) String> domains;

    @SpecReplicas
    @Min(0)
    @Max(100)
    @Default("1")
    @JsonPropertyDescription("Number of WordPress pods (Nginx backend + PHP-FPM). 0 stops serving but keeps all data."
            + " Ignored while autoscaling is enabled. `kubectl scale wps` sets it.")
    private Integer replicas;

    @Default("{}")
    @JsonPropertyDescription("WordPress on PHP-FPM: image, php.ini and process manager.")
    private WordPressSpec wordpress;

    @Default("{}")
    @JsonPropertyDescription("Nginx: the front reverse proxy and the backend beside PHP-FPM.")
    private WebSpec web;

    @Default("{}")
    @JsonPropertyDescription("Varnish full-page cache.")
    private CacheSpec cache;

    @Default("{}")
    @JsonPropertyDescription("Redis object cache.")
    private ObjectCacheSpec objectCache;

    @Default("{\"managed\":{}}")
    @JsonPropertyDescription("The database: managed (a MariaDB the operator runs, the default) or external.")
    private DatabaseSpec database;

    @Default("{\"size\":\"5Gi\"}")
    @JsonPropertyDescription("The wp-content volume (plugins, themes, uploads) shared by the WordPress pods.")
    private VolumeSpec storage;

    @Default("{}")
    @JsonPropertyDescription("HorizontalPodAutoscaler for the WordPress pods.")
    private AutoscalingSpec autoscaling;

    @Default("{}")
    @JsonPropertyDescription("HTTPS with a cert-manager Certificate.")
    private TlsSpec tls;

    @Default("{}")
    @JsonPropertyDescription("The Ingress for the site's domains.")
    private IngressSpec ingress;

    @Default("{}")
    @JsonPropertyDescription("Gateway API routing: an HTTPRoute for the site's domains to a named Gateway, beside or instead of the Ingress.")
    private GatewaySpec gateway;

    @Default("{}")
    @JsonPropertyDescription("Basic auth and search-engine indexing, e.g. for a staging copy; SSH and SFTP with public keys.")
    private AccessSpec access;

    @JsonPropertyDescription("Automatic backups: the operator keeps a Backup named <site>-backup with this schedule,"
            + " retention and storage. Absent: no automatic backups.")
    private SiteBackupSpec backup;

    @Default("{}")
    @JsonPropertyDescription("Prometheus exporters for the site's daemons and a ServiceMonitor for them.")
    private MonitoringSpec monitoring;

    @Default("{}")
    @JsonPropertyDescription("Security services: scheduled malware scans (spec.security.malwareScan).")
    private SecuritySpec security;

    @Default("Retain")
    @JsonPropertyDescription("What happens to the site's volumes (wp-content and database) when the site is deleted:"
            + " Retain keeps the PersistentVolumeClaims and the credentials Secret that opens the database (a site"
            + " created again under the same name adopts them), Delete removes them with the site.")
    private DeletionPolicy deletionPolicy;

    @Default("{}")
    @JsonPropertyDescription("Labels, annotations and image pull secrets added to every pod of the site and of its Jobs.")
    private PodTemplateSpec podTemplate;

    @JsonPropertyDescription("Code deployed from outside: spec.code.git deploys a theme or plugin from a Git repository"
            + " (docs/git-deploy.md). Absent: none.")
    private io.wpoven.operator.api.v1alpha1.spec.CodeSpec code;

    @JsonPropertyDescription("Where the site's pods run (a server pool): nodeSelector, tolerations, affinity,"
            + " topologySpreadConstraints and priorityClassName on every pod of the site and of its Jobs"
            + " (docs/placement.md). Absent: wherever the scheduler puts them.")
    private io.wpoven.operator.api.v1alpha1.spec.PlacementSpec placement;

    // --- accessors ---

    public io.wpoven.operator.api.v1alpha1.spec.PlacementSpec getPlacement() {
        return placement;
    }

    public void setPlacement(io.wpoven.operator.api.v1alpha1.spec.PlacementSpec placement) {
        this.placement = placement;
    }

    public io.wpoven.operator.api.v1alpha1.spec.CodeSpec getCode() {
        return code;
    }

    public void setCode(io.wpoven.operator.api.v1alpha1.spec.CodeSpec code) {
        this.code = code;
    }

    public PodTemplateSpec getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(PodTemplateSpec podTemplate) {
        this.podTemplate = podTemplate;
    }

    public List<String> getDomains() {
        return domains;
    }

    public void setDomains(List<String> domains) {
        this.domains = domains;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public WordPressSpec getWordpress() {
        return wordpress;
    }

    public void setWordpress(WordPressSpec wordpress) {
        this.wordpress = wordpress;
    }

    public WebSpec getWeb() {
        return web;
    }

    public void setWeb(WebSpec web) {
        this.web = web;
    }

    public CacheSpec getCache() {
        return cache;
    }

    public void setCache(CacheSpec cache) {
        this.cache = cache;
    }

    public ObjectCacheSpec getObjectCache() {
        return objectCache;
    }

    public void setObjectCache(ObjectCacheSpec objectCache) {
        this.objectCache = objectCache;
    }

    public DatabaseSpec getDatabase() {
        return database;
    }

    public void setDatabase(DatabaseSpec database) {
        this.database = database;
    }

    public VolumeSpec getStorage() {
        return storage;
    }

    public void setStorage(VolumeSpec storage) {
        this.storage = storage;
    }

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public IngressSpec getIngress() {
        return ingress;
    }

    public void setIngress(IngressSpec ingress) {
        this.ingress = ingress;
    }

    public GatewaySpec getGateway() {
        return gateway;
    }

    public void setGateway(GatewaySpec gateway) {
        this.gateway = gateway;
    }

    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public SiteBackupSpec getBackup() {
        return backup;
    }

    public void setBackup(SiteBackupSpec backup) {
        this.backup = backup;
    }

    public AccessSpec getAccess() {
        return access;
    }

    public void setAccess(AccessSpec access) {
        this.access = access;
    }

    public SecuritySpec getSecurity() {
        return security;
    }

    public void setSecurity(SecuritySpec security) {
        this.security = security;
    }
}
