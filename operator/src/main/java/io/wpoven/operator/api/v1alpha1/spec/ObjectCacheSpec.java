package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Redis as WordPress's object cache. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectCacheSpec {

    @Default("true")
    @JsonPropertyDescription("Run Redis and install the operator's object-cache.php drop-in.")
    private Boolean enabled;

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Redis image. Empty means the operator's default (wpoven.images.redis).")
    private String image;

    @Default("128mb")
    @Pattern("^[1-9][0-9]{0,5}(kb|mb|gb)$")
    @JsonPropertyDescription("Redis maxmemory, e.g. 128mb; keys are evicted least-recently-used beyond it. No persistence.")
    private String maxMemory;

    @Default("{\"requests\":{\"cpu\":\"50m\"}}")
    @JsonPropertyDescription("Resources of the Redis container; without a memory limit one is derived from maxMemory.")
    private ResourceRequirements resources;

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getMaxMemory() {
        return maxMemory;
    }

    public void setMaxMemory(String maxMemory) {
        this.maxMemory = maxMemory;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
