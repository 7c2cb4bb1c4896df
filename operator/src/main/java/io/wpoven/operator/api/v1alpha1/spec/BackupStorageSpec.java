package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Exactly one destination for artifacts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.persistentVolumeClaim) != has(self.s3)",
        message = "storage needs exactly one of persistentVolumeClaim and s3", fieldPath = ".persistentVolumeClaim")
public class BackupStorageSpec {
    @JsonPropertyDescription("A PersistentVolumeClaim in the Backup's namespace.")
    private PvcStorageSpec persistentVolumeClaim;

    @JsonPropertyDescription("An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …).")
    private S3StorageSpec s3;

    @Pattern("^\\.*[A-Za-z0-9_-][A-Za-z0-9._-]*(/\\.*[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")
    @JsonPropertyDescription("Folder (PVC) or key prefix (S3) of this Backup's artifacts: segments of letters, digits, '.', '_', '-'"
            + " separated by '/', none of them '.' or '..'. It must not be the parent or child of another Backup's prefix on the"
            + " same storage. Default: <namespace>/<backup name>.")
    private String prefix;

    // --- accessors ---

    public PvcStorageSpec getPersistentVolumeClaim() {
        return persistentVolumeClaim;
    }

    public void setPersistentVolumeClaim(PvcStorageSpec persistentVolumeClaim) {
        this.persistentVolumeClaim = persistentVolumeClaim;
    }

    public S3StorageSpec getS3() {
        return s3;
    }

    public void setS3(S3StorageSpec s3) {
        this.s3 = s3;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }
}
