package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedDatabaseSpec {

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("MariaDB image. Empty means the operator's default (wpoven.images.mariadb).")
    private String image;

    @Default("{\"size\":\"2Gi\"}")
    @JsonPropertyDescription("The database's volume.")
    private VolumeSpec storage;

    @Default("{\"requests\":{\"cpu\":\"100m\",\"memory\":\"512Mi\"},\"limits\":{\"memory\":\"512Mi\"}}")
    @JsonPropertyDescription("Resources of MariaDB. my.cnf (InnoDB buffer pool, connections) is sized from the memory limit.")
    private ResourceRequirements resources;

    // --- accessors ---

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public VolumeSpec getStorage() {
        return storage;
    }

    public void setStorage(VolumeSpec storage) {
        this.storage = storage;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
