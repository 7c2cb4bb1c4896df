package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Varnish, the full-page cache between the proxy and WordPress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CacheSpec {

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Varnish image. Empty means the operator's default (wpoven.images.varnish).")
    private String image;

    @Default("256M")
    @Pattern("^[1-9][0-9]{0,5}[KMG]$")
    @JsonPropertyDescription("Cache storage size (malloc), e.g. 256M or 1G. The container's memory limit is sized from it.")
    private String size;

    @Default("300")
    @Min(0)
    @Max(31536000)
    @JsonPropertyDescription("How long a page is cached when WordPress sends no Cache-Control, in seconds.")
    private Integer ttlSeconds;

    @Default("86400")
    @Min(0)
    @Max(31536000)
    @JsonPropertyDescription("How long static assets are cached, in seconds.")
    private Integer staticTtlSeconds;

    @Default("3600")
    @Min(0)
    @Max(604800)
    @JsonPropertyDescription("Grace: how long a stale page may still be served while it is refetched or WordPress is down, in seconds.")
    private Integer graceSeconds;

    @Default("1")
    @Min(0)
    @Max(60)
    @JsonPropertyDescription("Micro-cache of the front proxy: how long it answers repeated requests for a page Varnish has cached without"
            + " asking Varnish again, in seconds. Purges and WordPress's own refreshes reach visitors after at most this long."
            + " 0 turns it off: every request then goes to Varnish.")
    private Integer microCacheSeconds;

    @Default("1")
    @Min(1)
    @Max(20)
    @JsonPropertyDescription("Varnish pods (1 to 20, as for the proxy). Each keeps its own copy of the pages; every purge reaches each of them. From 2 on, a"
            + " PodDisruptionBudget keeps one serving while a node is drained.")
    private Integer replicas;

    @Default("{\"requests\":{\"cpu\":\"50m\"}}")
    @JsonPropertyDescription("Resources of the Varnish container; without a memory limit one is derived from size.")
    private ResourceRequirements resources;

    /** Null-safe: whether the front proxy keeps copies of Varnish's pages (microCacheSeconds above 0). */
    public static boolean microCacheOn(CacheSpec cache) {
        return cache != null && cache.microCacheSeconds != null && cache.microCacheSeconds > 0;
    }

    // --- accessors ---

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public Integer getTtlSeconds() {
        return ttlSeconds;
    }

    public void setTtlSeconds(Integer ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    public Integer getStaticTtlSeconds() {
        return staticTtlSeconds;
    }

    public void setStaticTtlSeconds(Integer staticTtlSeconds) {
        this.staticTtlSeconds = staticTtlSeconds;
    }

    public Integer getGraceSeconds() {
        return graceSeconds;
    }

    public void setGraceSeconds(Integer graceSeconds) {
        this.graceSeconds = graceSeconds;
    }

    public Integer getMicroCacheSeconds() {
        return microCacheSeconds;
    }

    public void setMicroCacheSeconds(Integer microCacheSeconds) {
        this.microCacheSeconds = microCacheSeconds;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    /** Null-safe: the Varnish pods wanted (1 when unset). */
    public static int replicas(CacheSpec cache) {
        return cache == null || cache.replicas == null ? 1 : cache.replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
