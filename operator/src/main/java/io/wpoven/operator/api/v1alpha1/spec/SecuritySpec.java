package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

/** Security services around the site (the WAF is part of spec.web). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecuritySpec {
    @Default("{}")
    @JsonPropertyDescription("Scheduled malware scans of the site's files and database (docs/malware-scan.md).")
    private MalwareScanSpec malwareScan;

    public MalwareScanSpec getMalwareScan() {
        return malwareScan;
    }

    public void setMalwareScan(MalwareScanSpec malwareScan) {
        this.malwareScan = malwareScan;
    }
}
