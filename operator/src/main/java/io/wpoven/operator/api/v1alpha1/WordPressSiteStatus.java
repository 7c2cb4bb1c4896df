package io.wpoven.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

@JsonClassDescription("Observed state written by the operator: conditions (Ready, Progressing, Degraded, one per"
        + " component), the URL and address, and the replicas.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WordPressSiteStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, Progressing, Degraded and one condition per component.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("WordPress pods that are ready to serve.")
    private Integer readyReplicas;

    @JsonPropertyDescription("The site's primary URL.")
    private String url;

    @JsonPropertyDescription("Where the site's Ingress is reachable: the load balancer's IPs or hostnames its ingress"
            + " controller reports, comma-separated. Point the domains' DNS here (A records for IPs, a CNAME for a"
            + " hostname). Absent until the controller reports one, or with spec.ingress.enabled false.")
    private String address;

    @JsonPropertyDescription("How to sign in to WordPress once it is installed: login page, administrator, and the Secret key with the password.")
    private AdminLoginStatus admin;

    @JsonPropertyDescription("The last one-click cache purge: annotate the site with wpoven.io/purge-cache=<new value>.")
    private CachePurgeStatus cachePurge;

    @JsonPropertyDescription("The last malware scan (spec.security.malwareScan): when, what it found, what it quarantined.")
    private MalwareScanStatus malwareScan;

    @JsonPropertyDescription("The last credential rotation (annotation wpoven.io/rotate-credentials).")
    private CredentialRotationStatus credentialRotation;

    @JsonPropertyDescription("How to reach the site's SSH and SFTP server (spec.access.ssh); absent when it is off.")
    private SshStatus ssh;

    public SshStatus getSsh() {
        return ssh;
    }

    public void setSsh(SshStatus ssh) {
        this.ssh = ssh;
    }

    @JsonPropertyDescription("Git deployment (spec.code.git): the commit serving, the one before, a deploy in progress.")
    private CodeStatus code;

    public CodeStatus getCode() {
        return code;
    }

    public void setCode(CodeStatus code) {
        this.code = code;
    }

    @JsonPropertyDescription("WordPress as it runs: image, PHP and core versions, the database's schema version, and the"
            + " latest image change (its database upgrade).")
    private WordPressRuntimeStatus wordpress;

    public WordPressRuntimeStatus getWordpress() {
        return wordpress;
    }

    public void setWordpress(WordPressRuntimeStatus wordpress) {
        this.wordpress = wordpress;
    }

    public CredentialRotationStatus getCredentialRotation() {
        return credentialRotation;
    }

    public void setCredentialRotation(CredentialRotationStatus credentialRotation) {
        this.credentialRotation = credentialRotation;
    }

    @StatusReplicas
    @JsonPropertyDescription("WordPress pods that exist (scale subresource).")
    private Integer replicas;

    @LabelSelector
    @JsonPropertyDescription("Label selector of the WordPress pods (scale subresource, HPA).")
    private String selector;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public CachePurgeStatus getCachePurge() {
        return cachePurge;
    }

    public void setCachePurge(CachePurgeStatus cachePurge) {
        this.cachePurge = cachePurge;
    }

    public MalwareScanStatus getMalwareScan() {
        return malwareScan;
    }

    public void setMalwareScan(MalwareScanStatus malwareScan) {
        this.malwareScan = malwareScan;
    }

    public AdminLoginStatus getAdmin() {
        return admin;
    }

    public void setAdmin(AdminLoginStatus admin) {
        this.admin = admin;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordPressSiteStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(conditions, s.conditions) && Objects.equals(readyReplicas, s.readyReplicas)
                && Objects.equals(url, s.url) && Objects.equals(address, s.address) && Objects.equals(replicas, s.replicas)
                && Objects.equals(selector, s.selector) && Objects.equals(cachePurge, s.cachePurge)
                && Objects.equals(admin, s.admin) && Objects.equals(malwareScan, s.malwareScan)
                && Objects.equals(credentialRotation, s.credentialRotation) && Objects.equals(code, s.code)
                && Objects.equals(wordpress, s.wordpress)
                && Objects.equals(ssh, s.ssh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, readyReplicas, url, address, replicas, selector, cachePurge, admin,
                malwareScan, credentialRotation, code, wordpress, ssh);
    }
}
