package io.wpoven.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One complete backup: a folder (or key prefix) holding the dump, the archive and manifest.json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupArtifact {
    @JsonPropertyDescription("Artifact name: the folder under the storage prefix; Restore.spec.artifact takes it.")
    private String name;

    @JsonPropertyDescription("When the run that wrote it finished.")
    private String completionTime;

    @JsonPropertyDescription("The files of the artifact with their sizes and sha256 sums, as the run reported them.")
    private List<ArtifactFile> files = new ArrayList<>();

    public BackupArtifact() {
    }

    public BackupArtifact(String name, String completionTime, List<ArtifactFile> files) {
        this.name = name;
        this.completionTime = completionTime;
        this.files = files;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ArtifactFile {
        @JsonPropertyDescription("Path of the file inside the artifact, such as database.sql.gz.")
        private String name;
        @JsonPropertyDescription("Size in bytes.")
        private Long size;
        @JsonPropertyDescription("SHA-256 of the file's bytes, lowercase hex: what a restore verifies before it writes.")
        private String sha256;

        public ArtifactFile() {
        }

        public ArtifactFile(String name, Long size, String sha256) {
            this.name = name;
            this.size = size;
            this.sha256 = sha256;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Long getSize() {
            return size;
        }

        public void setSize(Long size) {
            this.size = size;
        }

        public String getSha256() {
            return sha256;
        }

        public void setSha256(String sha256) {
            this.sha256 = sha256;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArtifactFile f && Objects.equals(name, f.name) && Objects.equals(size, f.size)
                    && Objects.equals(sha256, f.sha256);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, size, sha256);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupArtifact a && Objects.equals(name, a.name)
                && Objects.equals(completionTime, a.completionTime) && Objects.equals(files, a.files);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, completionTime, files);
    }

    // --- accessors ---

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public List<ArtifactFile> getFiles() {
        return files;
    }

    public void setFiles(List<ArtifactFile> files) {
        this.files = files;
    }
}
