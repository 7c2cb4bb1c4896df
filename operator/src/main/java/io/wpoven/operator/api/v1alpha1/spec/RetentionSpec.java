package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Which artifacts a run deletes after it succeeds. Both limits apply; the newest success always stays. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetentionSpec {
    public static final String DURATION = "^[1-9][0-9]*(m|h|d)$";

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Keep at most this many complete artifacts.")
    private Integer keepLast;

    @Pattern(DURATION)
    @JsonPropertyDescription("Delete artifacts older than this: minutes, hours or days, e.g. 90m, 12h, 30d.")
    private String maxAge;

    // --- accessors ---

    public Integer getKeepLast() {
        return keepLast;
    }

    public void setKeepLast(Integer keepLast) {
        this.keepLast = keepLast;
    }

    public String getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(String maxAge) {
        this.maxAge = maxAge;
    }
}
