package io.wpoven.operator.site;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wpoven.operator.api.v1alpha1.SshStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;
import io.wpoven.operator.site.dependent.SshDeploymentDependent;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.Ports;
import io.wpoven.operator.support.SiteImages;

/** status.ssh: how the site owner reaches the SSH server, read from its Service and Deployment. */
public final class SshStatusBuilder {
    private SshStatusBuilder() {
    }

    static final String NO_IMAGE = "SSH is not offered: the operator has no shell image (wpoven.images.shell, Helm"
            + " defaults.images.shell; the project's images/shell)";

    /** Null when SSH is off. */
    public static SshStatus build(WordPressSite site, OperatorConfig config, Optional<Deployment> deployment,
            Optional<Service> service) {
        if (!SshSpec.on(site.getSpec().getAccess())) {
            return null;
        }
        SshStatus status = new SshStatus();
        status.setUser(SshDeploymentDependent.USER);
        if (SiteImages.shell(config).isEmpty()) {
            status.setReady(false);
            status.setMessage(NO_IMAGE);
            return status;
        }
        status.setService(Names.ssh(site));
        status.setPort(Ports.SSH);
        service.ifPresent(s -> {
            status.setServiceType(s.getSpec().getType());
            s.getSpec().getPorts().stream().map(p -> p.getNodePort()).filter(Objects::nonNull).findFirst()
                    .ifPresent(status::setNodePort);
            if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                    && s.getStatus().getLoadBalancer().getIngress() != null
                    && !s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
                status.setAddress(s.getStatus().getLoadBalancer().getIngress().stream()
                        .map(i -> i.getIp() != null ? i.getIp() : i.getHostname()).filter(Objects::nonNull)
                        .collect(Collectors.joining(",")));
            }
        });
        status.setReady(deployment.map(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                && d.getStatus().getReadyReplicas() > 0).orElse(false));
        return status;
    }
}
