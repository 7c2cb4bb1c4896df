package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.storageClassName) == has(oldSelf.storageClassName) && (!has(self.storageClassName) || self.storageClassName == oldSelf.storageClassName)",
        message = "storageClassName cannot be changed on a live site", fieldPath = ".storageClassName")
@ValidationRule(value = "!has(self.accessMode) || !has(oldSelf.accessMode) || self.accessMode == oldSelf.accessMode",
        message = "accessMode cannot be changed on a live site: a bound claim's access mode is immutable",
        fieldPath = ".accessMode")
public class VolumeSpec {

    @Required
    @Pattern("^[1-9][0-9]*(Mi|Gi|Ti)$")
    @JsonPropertyDescription("Requested size, e.g. 5Gi. Required when the volume is given; it can grow where the storage class allows expansion, never shrink.")
    private String size;

    @Size(max = 253)
    @Pattern(WordPressSiteSpec.DNS_NAME)
    @JsonPropertyDescription("StorageClass of the claim. Empty means the cluster's default. Immutable.")
    private String storageClassName;

    @Default("ReadWriteOnce")
    @JsonPropertyDescription("Access mode: ReadWriteOnce, or ReadWriteMany so several WordPress pods on different nodes share files. Immutable.")
    private AccessMode accessMode;

    public enum AccessMode {
        ReadWriteOnce, ReadWriteMany
    }

    // --- accessors ---

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public AccessMode getAccessMode() {
        return accessMode;
    }

    public void setAccessMode(AccessMode accessMode) {
        this.accessMode = accessMode;
    }
}
