package io.wpoven.operator.api.v1alpha1.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Prometheus exporters beside the site's daemons, and a ServiceMonitor that scrapes them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// has(): the schema's default {} is checked against the rule as written, before its fields' defaults apply
@ValidationRule(value = "!has(self.serviceMonitor) || !has(self.serviceMonitor.enabled) || !self.serviceMonitor.enabled"
        + " || (has(self.exporters) && has(self.exporters.enabled) && self.exporters.enabled)",
        message = "serviceMonitor.enabled needs exporters.enabled: without exporters there is nothing to scrape",
        fieldPath = ".serviceMonitor")
public class MonitoringSpec {

    @Default("{}")
    @JsonPropertyDescription("Exporter sidecars: nginx (proxy and backend, stub_status), PHP-FPM (status page), Varnish,"
            + " Redis and MariaDB, each on a `*-metrics` port of its pod and Service. Images are operator-wide"
            + " (wpoven.images.*-exporter).")
    private Exporters exporters;

    @Default("{}")
    @JsonPropertyDescription("A Prometheus Operator ServiceMonitor for the exporters; made only where its CRD"
            + " (servicemonitors.monitoring.coreos.com) exists.")
    private ServiceMonitor serviceMonitor;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Exporters {
        @Default("false")
        @JsonPropertyDescription("Run the exporter sidecars.")
        private Boolean enabled;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "!has(self.labels) || self.labels.all(k, k.size() <= 317 && k.matches('"
            + IngressSpec.ANNOTATION_KEY + "') && self.labels[k].matches('^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$'))",
            fieldPath = ".labels", message = "labels must be valid Kubernetes labels: keys are qualified names (an optional"
                    + " DNS prefix and '/', then up to 63 characters), values at most 63 letters, digits, '-', '_' or '.'")
    public static class ServiceMonitor {
        @Default("false")
        @JsonPropertyDescription("Make the ServiceMonitor (needs exporters.enabled).")
        private Boolean enabled;

        @Default("30s")
        @Pattern("^[1-9][0-9]{0,3}(s|m)$")
        @JsonPropertyDescription("Scrape interval, e.g. 30s or 1m.")
        private String interval;

        @JsonPropertyDescription("Extra labels on the ServiceMonitor, e.g. the one your Prometheus selects"
                + " ServiceMonitors by (release: prometheus).")
        @Size(max = 32)
        private Map<String, @Size(max = 63) String> labels;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getInterval() {
            return interval;
        }

        public void setInterval(String interval) {
            this.interval = interval;
        }

        public Map<String, String> getLabels() {
            return labels;
        }

        public void setLabels(Map<String, String> labels) {
            this.labels = labels;
        }
    }

    // --- accessors ---

    public Exporters getExporters() {
        return exporters;
    }

    public void setExporters(Exporters exporters) {
        this.exporters = exporters;
    }

    public ServiceMonitor getServiceMonitor() {
        return serviceMonitor;
    }

    public void setServiceMonitor(ServiceMonitor serviceMonitor) {
        this.serviceMonitor = serviceMonitor;
    }
}
