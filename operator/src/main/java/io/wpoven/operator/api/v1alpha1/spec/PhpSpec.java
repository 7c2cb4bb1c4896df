package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PhpSpec {
    public static final String SIZE = "^[1-9][0-9]{0,5}[KMG]$";

    @Default("256M")
    @Pattern(SIZE)
    @JsonPropertyDescription("memory_limit of one PHP request, e.g. 256M.")
    private String memoryLimit;

    @Default("64M")
    @Pattern(SIZE)
    @JsonPropertyDescription("Largest upload (upload_max_filesize and post_max_size; the web server's body limit follows it).")
    private String uploadMaxSize;

    @Default("60")
    @Min(1)
    @Max(3600)
    @JsonPropertyDescription("max_execution_time in seconds; the web server's FastCGI timeout follows it.")
    private Integer maxExecutionTime;

    @Default("128")
    @Min(16)
    @Max(4096)
    @JsonPropertyDescription("OPcache memory in MiB (opcache.memory_consumption).")
    private Integer opcacheMemory;

    // --- accessors ---

    public String getMemoryLimit() {
        return memoryLimit;
    }

    public void setMemoryLimit(String memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    public String getUploadMaxSize() {
        return uploadMaxSize;
    }

    public void setUploadMaxSize(String uploadMaxSize) {
        this.uploadMaxSize = uploadMaxSize;
    }

    public Integer getMaxExecutionTime() {
        return maxExecutionTime;
    }

    public void setMaxExecutionTime(Integer maxExecutionTime) {
        this.maxExecutionTime = maxExecutionTime;
    }

    public Integer getOpcacheMemory() {
        return opcacheMemory;
    }

    public void setOpcacheMemory(Integer opcacheMemory) {
        this.opcacheMemory = opcacheMemory;
    }
}
