package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the WordPress pods run (read from the image and the database by a Job in that image), and the latest image change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WordPressRuntimeStatus {

    @JsonPropertyDescription("The WordPress image the pods run: the database matches its core. A new image (spec.wordpress.phpVersion or image) replaces it only once its check (and, for a newer core, the database upgrade) has succeeded.")
    private String image;

    @JsonPropertyDescription("PHP version (major.minor) of that image, as its PHP reports it.")
    private String phpVersion;

    @JsonPropertyDescription("PHP release of that image, e.g. 8.2.36.")
    private String phpRelease;

    @JsonPropertyDescription("WordPress core version of that image.")
    private String coreVersion;

    @JsonPropertyDescription("The database's schema version (the db_version option) when last read; equals the core's after an upgrade.")
    private Long dbVersion;

    @JsonPropertyDescription("The latest change of image: its check and, when the new core is newer than the database, the backup and the upgrade.")
    private WordPressUpgradeStatus upgrade;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getPhpVersion() {
        return phpVersion;
    }

    public void setPhpVersion(String phpVersion) {
        this.phpVersion = phpVersion;
    }

    public String getPhpRelease() {
        return phpRelease;
    }

    public void setPhpRelease(String phpRelease) {
        this.phpRelease = phpRelease;
    }

    public String getCoreVersion() {
        return coreVersion;
    }

    public void setCoreVersion(String coreVersion) {
        this.coreVersion = coreVersion;
    }

    public Long getDbVersion() {
        return dbVersion;
    }

    public void setDbVersion(Long dbVersion) {
        this.dbVersion = dbVersion;
    }

    public WordPressUpgradeStatus getUpgrade() {
        return upgrade;
    }

    public void setUpgrade(WordPressUpgradeStatus upgrade) {
        this.upgrade = upgrade;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WordPressRuntimeStatus s)) {
            return false;
        }
        return Objects.equals(image, s.image)
                && Objects.equals(phpVersion, s.phpVersion)
                && Objects.equals(phpRelease, s.phpRelease)
                && Objects.equals(coreVersion, s.coreVersion)
                && Objects.equals(dbVersion, s.dbVersion)
                && Objects.equals(upgrade, s.upgrade);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, phpVersion, phpRelease, coreVersion, dbVersion, upgrade);
    }
}
