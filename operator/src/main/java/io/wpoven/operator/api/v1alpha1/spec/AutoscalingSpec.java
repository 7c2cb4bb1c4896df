package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** A HorizontalPodAutoscaler on the WordPress pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas",
        fieldPath = ".minReplicas")
public class AutoscalingSpec {

    @Default("false")
    @JsonPropertyDescription("Scale WordPress pods between minReplicas and maxReplicas; spec.replicas is then ignored.")
    private Boolean enabled;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Fewest WordPress pods.")
    private Integer minReplicas;

    @Default("5")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Most WordPress pods.")
    private Integer maxReplicas;

    @Default("70")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Target average CPU use, percent of the WordPress pod's CPU request (the sum of its containers': PHP-FPM, Nginx, exporters).")
    private Integer targetCPUUtilizationPercentage;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Target average memory use, percent of the WordPress pod's memory request (the sum of its containers'). Unset: memory is not a target.")
    private Integer targetMemoryUtilizationPercentage;

    @Default("300")
    @Min(0)
    @Max(3600)
    @JsonPropertyDescription("Seconds the HPA looks back before removing pods: it scales down only to the highest"
            + " recommendation of that window (behavior.scaleDown.stabilizationWindowSeconds). 300, Kubernetes'"
            + " default, rides out short dips in traffic; 0 scales down as soon as the load is gone.")
    private Integer scaleDownStabilizationSeconds;

    // --- accessors ---

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public Integer getTargetCPUUtilizationPercentage() {
        return targetCPUUtilizationPercentage;
    }

    public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
        this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
    }

    public Integer getScaleDownStabilizationSeconds() {
        return scaleDownStabilizationSeconds;
    }

    public void setScaleDownStabilizationSeconds(Integer scaleDownStabilizationSeconds) {
        this.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds;
    }

    public Integer getTargetMemoryUtilizationPercentage() {
        return targetMemoryUtilizationPercentage;
    }

    public void setTargetMemoryUtilizationPercentage(Integer targetMemoryUtilizationPercentage) {
        this.targetMemoryUtilizationPercentage = targetMemoryUtilizationPercentage;
    }
}
