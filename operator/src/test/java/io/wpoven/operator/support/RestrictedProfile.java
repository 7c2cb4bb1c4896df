package io.wpoven.operator.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The checks of the Pod Security "restricted" profile (v1.36) that a pod template can fail. The e2e tests
 * prove the same against the API server's own admission; this finds a violation without a cluster.
 */
public final class RestrictedProfile {
    private RestrictedProfile() {
    }

    public static List<String> violations(PodSpec pod) {
        List<String> v = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            v.add("host namespaces");
        }
        for (Volume vol : pod.getVolumes()) {
            if (vol.getConfigMap() == null && vol.getSecret() == null && vol.getEmptyDir() == null
                    && vol.getPersistentVolumeClaim() == null && vol.getProjected() == null && vol.getDownwardAPI() == null
                    && vol.getCsi() == null && vol.getEphemeral() == null) {
                v.add("volume type of " + vol.getName());
            }
        }
        boolean podNonRoot = pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
        boolean podSeccomp = pod.getSecurityContext() != null && pod.getSecurityContext().getSeccompProfile() != null
                && Set.of("RuntimeDefault", "Localhost").contains(pod.getSecurityContext().getSeccompProfile().getType());
        if (pod.getSecurityContext() != null && Long.valueOf(0).equals(pod.getSecurityContext().getRunAsUser())) {
            v.add("pod runAsUser 0");
        }
        List<Container> all = new ArrayList<>(pod.getContainers());
        all.addAll(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()));
        for (Container c : all) {
            SecurityContext sc = c.getSecurityContext();
            String n = c.getName() + ": ";
            if (sc == null) {
                v.add(n + "no securityContext");
                continue;
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                v.add(n + "allowPrivilegeEscalation must be false");
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                v.add(n + "privileged");
            }
            if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    || !sc.getCapabilities().getDrop().contains("ALL")) {
                v.add(n + "capabilities must drop ALL");
            }
            if (sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
                    && sc.getCapabilities().getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
                v.add(n + "adds capabilities");
            }
            if (!podNonRoot && !Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
                v.add(n + "runAsNonRoot");
            }
            if (Long.valueOf(0).equals(sc.getRunAsUser())) {
                v.add(n + "runAsUser 0");
            }
            if (!podSeccomp && (sc.getSeccompProfile() == null
                    || !Set.of("RuntimeDefault", "Localhost").contains(sc.getSeccompProfile().getType()))) {
                v.add(n + "seccompProfile");
            }
            if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                v.add(n + "hostPort");
            }
        }
        return v;
    }
}
