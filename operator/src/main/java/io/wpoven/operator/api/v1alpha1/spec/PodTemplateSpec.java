package io.wpoven.operator.api.v1alpha1.spec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What a platform adds to every pod of a site, its Jobs' included: the one pod-template type of the API (node
 * placement belongs here too). The operator's own labels and annotations always win, and keys of its domains
 * (app.kubernetes.io/, wpoven.io) are refused: they select pods and admit them to the site's database.
 */
@JsonClassDescription("What is added to every pod of the site (WordPress, Nginx, Varnish, Redis, MariaDB) and of its"
        + " backup, restore, staging and install Jobs.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTemplateSpec {
    static final String OWN_KEYS = "self.all(k, !k.startsWith('app.kubernetes.io/') && !k.contains('wpoven.io'))";

    @ValidationRule(value = OWN_KEYS, message = "labels of app.kubernetes.io/ and wpoven.io are the operator's")
    @Size(max = 32)
    @JsonPropertyDescription("Extra labels on the pods, e.g. for a cost-allocation or policy tool.")
    private Map<String, String> labels;

    @ValidationRule(value = OWN_KEYS, message = "annotations of app.kubernetes.io/ and wpoven.io are the operator's")
    @Size(max = 32)
    @JsonPropertyDescription("Extra annotations on the pods, e.g. for a service mesh or a log collector.")
    private Map<String, String> annotations;

    @Size(max = 8)
    @JsonPropertyDescription("Secrets of type kubernetes.io/dockerconfigjson, in the site's namespace, to pull the site's"
            + " images with (added to the operator-wide ones). Each must be labelled wpoven.io/credentials=registry.")
    private List<@Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$") String> imagePullSecrets;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public List<String> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<String> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }
}
