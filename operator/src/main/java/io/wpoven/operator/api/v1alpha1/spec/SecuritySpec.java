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

    /** Where the site's pods may connect to (docs/network-policies.md). */
    public enum Egress {
        /** Anywhere (no egress NetworkPolicy). */
        Open,
        /** Only the cluster DNS, the site's own pods and the internet without link-local and the cluster's ranges. */
        Restricted
    }

    @Default("Open")
    @JsonPropertyDescription("Where the site's serving pods (proxy, Varnish, WordPress, Redis, MariaDB, wp-cron, installer, SSH)"
            + " may connect to: Open (anywhere, the default) or Restricted (an egress NetworkPolicy: the cluster DNS, the"
            + " site's own pods, and the internet except link-local and the cluster's ranges, which the platform configures;"
            + " docs/network-policies.md). An external database in one of those ranges is then out of reach.")
    private Egress egress;

    public Egress getEgress() {
        return egress;
    }

    public void setEgress(Egress egress) {
        this.egress = egress;
    }

    /** spec.security.egress is Restricted. */
    public static boolean egressRestricted(SecuritySpec security) {
        return security != null && security.egress == Egress.Restricted;
    }

    public MalwareScanSpec getMalwareScan() {
        return malwareScan;
    }

    public void setMalwareScan(MalwareScanSpec malwareScan) {
        this.malwareScan = malwareScan;
    }
}
