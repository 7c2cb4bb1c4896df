package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Nginx: the front reverse proxy and the backend beside PHP-FPM. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebSpec {

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Nginx image for the proxy and the backend. Empty means the operator's default (wpoven.images.nginx).")
    private String image;

    @Default("2")
    @Min(1)
    @Max(20)
    @JsonPropertyDescription("Replicas of the front reverse proxy.")
    private Integer proxyReplicas;

    @Default("60")
    @Min(1)
    @Max(3600)
    @JsonPropertyDescription("Proxy read and send timeout towards Varnish, in seconds.")
    private Integer proxyTimeoutSeconds;

    @Default("true")
    @JsonPropertyDescription("Compress text responses (gzip) at the proxy.")
    private Boolean gzip;

    @Default("2592000")
    @Min(0)
    @Max(31536000)
    @JsonPropertyDescription("Browser caching: Cache-Control max-age of static assets (images, CSS, JS, fonts), in seconds.")
    private Integer staticMaxAgeSeconds;

    @Default("{}")
    @JsonPropertyDescription("Web application firewall (ModSecurity + OWASP Core Rule Set) in the WordPress pods' nginx, behind the caches.")
    private WafSpec waf;

    @Default("{\"requests\":{\"cpu\":\"50m\",\"memory\":\"32Mi\"},\"limits\":{\"memory\":\"128Mi\"}}")
    @JsonPropertyDescription("Resources of each Nginx container (proxy and backend).")
    private ResourceRequirements resources;

    // --- accessors ---

    public WafSpec getWaf() {
        return waf;
    }

    public void setWaf(WafSpec waf) {
        this.waf = waf;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getProxyReplicas() {
        return proxyReplicas;
    }

    public void setProxyReplicas(Integer proxyReplicas) {
        this.proxyReplicas = proxyReplicas;
    }

    public Integer getProxyTimeoutSeconds() {
        return proxyTimeoutSeconds;
    }

    public void setProxyTimeoutSeconds(Integer proxyTimeoutSeconds) {
        this.proxyTimeoutSeconds = proxyTimeoutSeconds;
    }

    public Boolean getGzip() {
        return gzip;
    }

    public void setGzip(Boolean gzip) {
        this.gzip = gzip;
    }

    public Integer getStaticMaxAgeSeconds() {
        return staticMaxAgeSeconds;
    }

    public void setStaticMaxAgeSeconds(Integer staticMaxAgeSeconds) {
        this.staticMaxAgeSeconds = staticMaxAgeSeconds;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
