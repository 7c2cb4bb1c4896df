package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.wpoven.operator.api.v1alpha1.BackupSpec;

/**
 * WordPress's scheduled events (wp-cron) run by a CronJob of the site with PHP CLI in its WordPress image, instead of
 * on visitors' page views (which a full-page cache mostly never lets reach PHP): docs/wordpress-runtime.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CronSpec {
    public static final String DEFAULT_SCHEDULE = "* * * * *";

    @Default("true")
    @JsonPropertyDescription("Runs due events from a CronJob <site>-cron and sets DISABLE_WP_CRON in wp-config, so page"
            + " views never run them. false: WordPress runs them on page views (when a request reaches PHP).")
    private Boolean enabled;

    @Default("\"* * * * *\"")
    @Pattern(BackupSpec.CRON)
    @JsonPropertyDescription("Cron schedule of the runs (default every minute, the shortest).")
    private String schedule;

    /** On unless turned off (absent: the schema's default). */
    public static boolean enabled(CronSpec spec) {
        return spec == null || spec.enabled == null || spec.enabled;
    }

    public static String schedule(CronSpec spec) {
        return spec == null || spec.schedule == null ? DEFAULT_SCHEDULE : spec.schedule;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }
}
