package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.pm) || self.pm != 'dynamic' || !has(self.minSpareServers) || !has(self.startServers) || !has(self.maxSpareServers) || !has(self.maxChildren) || (self.minSpareServers <= self.startServers && self.startServers <= self.maxSpareServers && self.maxSpareServers <= self.maxChildren)",
        message = "with pm dynamic: minSpareServers <= startServers <= maxSpareServers <= maxChildren",
        fieldPath = ".maxChildren")
public class FpmSpec {

    public enum ProcessManager {
        @com.fasterxml.jackson.annotation.JsonProperty("dynamic") DYNAMIC,
        @com.fasterxml.jackson.annotation.JsonProperty("static") STATIC,
        @com.fasterxml.jackson.annotation.JsonProperty("ondemand") ONDEMAND
    }

    @Default("dynamic")
    @JsonPropertyDescription("Process manager mode: dynamic, static or ondemand.")
    private ProcessManager pm;

    @Default("10")
    @Min(1)
    @Max(512)
    @JsonPropertyDescription("pm.max_children: the most PHP requests one pod serves at once.")
    private Integer maxChildren;

    @Default("2")
    @Min(1)
    @Max(512)
    @JsonPropertyDescription("pm.start_servers (dynamic).")
    private Integer startServers;

    @Default("1")
    @Min(1)
    @Max(512)
    @JsonPropertyDescription("pm.min_spare_servers (dynamic).")
    private Integer minSpareServers;

    @Default("3")
    @Min(1)
    @Max(512)
    @JsonPropertyDescription("pm.max_spare_servers (dynamic).")
    private Integer maxSpareServers;

    @Default("500")
    @Min(0)
    @Max(100000)
    @JsonPropertyDescription("pm.max_requests: a worker is recycled after this many requests (0 = never).")
    private Integer maxRequests;

    // --- accessors ---

    public ProcessManager getPm() {
        return pm;
    }

    public void setPm(ProcessManager pm) {
        this.pm = pm;
    }

    public Integer getMaxChildren() {
        return maxChildren;
    }

    public void setMaxChildren(Integer maxChildren) {
        this.maxChildren = maxChildren;
    }

    public Integer getStartServers() {
        return startServers;
    }

    public void setStartServers(Integer startServers) {
        this.startServers = startServers;
    }

    public Integer getMinSpareServers() {
        return minSpareServers;
    }

    public void setMinSpareServers(Integer minSpareServers) {
        this.minSpareServers = minSpareServers;
    }

    public Integer getMaxSpareServers() {
        return maxSpareServers;
    }

    public void setMaxSpareServers(Integer maxSpareServers) {
        this.maxSpareServers = maxSpareServers;
    }

    public Integer getMaxRequests() {
        return maxRequests;
    }

    public void setMaxRequests(Integer maxRequests) {
        this.maxRequests = maxRequests;
    }
}
