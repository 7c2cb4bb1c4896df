package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How to reach the site's SSH and SFTP server (spec.access.ssh). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SshStatus {
    @JsonPropertyDescription("The Service in the site's namespace: kubectl port-forward svc/<service> 2222:<port>, or its"
            + " address from inside the cluster.")
    private String service;

    @JsonPropertyDescription("The Service's port.")
    private Integer port;

    @JsonPropertyDescription("The Service's type: ClusterIP, NodePort or LoadBalancer.")
    private String serviceType;

    @JsonPropertyDescription("The port on every node, with serviceType NodePort or LoadBalancer.")
    private Integer nodePort;

    @JsonPropertyDescription("The load balancer's address, with serviceType LoadBalancer once it has one.")
    private String address;

    @JsonPropertyDescription("The user to log in as (the WordPress pods' user).")
    private String user;

    @JsonPropertyDescription("Whether the SSH server's pod is ready.")
    private Boolean ready;

    @JsonPropertyDescription("Why SSH is not offered, when it is enabled but cannot run.")
    private String message;

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getServiceType() {
        return serviceType;
    }

    public void setServiceType(String serviceType) {
        this.serviceType = serviceType;
    }

    public Integer getNodePort() {
        return nodePort;
    }

    public void setNodePort(Integer nodePort) {
        this.nodePort = nodePort;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshStatus s && Objects.equals(service, s.service) && Objects.equals(port, s.port)
                && Objects.equals(serviceType, s.serviceType) && Objects.equals(nodePort, s.nodePort)
                && Objects.equals(address, s.address) && Objects.equals(user, s.user) && Objects.equals(ready, s.ready)
                && Objects.equals(message, s.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, port, serviceType, nodePort, address, user, ready, message);
    }
}
