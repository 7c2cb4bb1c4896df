package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The WordPress pods: an Nginx backend and PHP-FPM sharing the document root. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WordPressSpec {

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("WordPress PHP-FPM image. Empty means the operator's default, a pinned official wordpress"
            + " php-fpm image (operator-wide: wpoven.images.wordpress).")
    private String image;

    @Pattern("^[0-9]+\\.[0-9]+$")
    @JsonPropertyDescription("PHP version (major.minor) of the WordPress pods, one the platform offers (operator-wide:"
            + " wpoven.images.wordpress-php-version for the default image, wpoven.images.wordpress-php-images for the"
            + " others; the chart's defaults.images.wordpressPhp). Absent: the default image's. A version the platform"
            + " does not offer stops the site (Ready False, reason PhpVersionNotOffered). A newer WordPress core in the"
            + " new image upgrades the database first, behind a backup (docs/wordpress-runtime.md). Ignored when image"
            + " is set.")
    private String phpVersion;

    @Default("{}")
    @JsonPropertyDescription("Scheduled events (wp-cron) from a CronJob instead of page views.")
    private CronSpec cron;

    @Default("{}")
    @JsonPropertyDescription("php.ini settings.")
    private PhpSpec php;

    @Default("{}")
    @JsonPropertyDescription("PHP-FPM process manager of each pod.")
    private FpmSpec fpm;

    @Default("{\"requests\":{\"cpu\":\"100m\",\"memory\":\"256Mi\"},\"limits\":{\"memory\":\"512Mi\"}}")
    @JsonPropertyDescription("Resources of the PHP-FPM container. The HPA's CPU and memory targets are relative to the requests.")
    private ResourceRequirements resources;

    // --- accessors ---

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

    public CronSpec getCron() {
        return cron;
    }

    public void setCron(CronSpec cron) {
        this.cron = cron;
    }

    public PhpSpec getPhp() {
        return php;
    }

    public void setPhp(PhpSpec php) {
        this.php = php;
    }

    public FpmSpec getFpm() {
        return fpm;
    }

    public void setFpm(FpmSpec fpm) {
        this.fpm = fpm;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
