package io.wpoven.operator.dashboard;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kubernetes clients that act as a dashboard user: the API server's address and CA are the operator's, the
 * credentials are only the user's bearer token — never the operator's ServiceAccount, client certificate or
 * kubeconfig user.
 */
@ApplicationScoped
public class UserClients {
    private final Config base;

    @Inject
    public UserClients(KubernetesClient operatorClient, DashboardConfig config) {
        Config op = operatorClient.getConfiguration();
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl(config.apiServer().orElse(op.getMasterUrl()))
                .withCaCertFile(op.getCaCertFile())
                .withCaCertData(op.getCaCertData())
                .withTrustCerts(op.isTrustCerts())
                .withDisableHostnameVerification(op.isDisableHostnameVerification())
                .withRequestTimeout(op.getRequestTimeout())
                .withConnectionTimeout(op.getConnectionTimeout());
        this.base = b.build();
    }

    /** A client whose every request carries this bearer token and nothing else that identifies anyone. */
    public KubernetesClient forToken(String token) {
        Config c = new ConfigBuilder(base).withOauthToken(token).build();
        return new KubernetesClientBuilder().withConfig(c).build();
    }

    /** Who this token is, asked with the token itself (SelfSubjectReview); the API server refuses a bad one (401). */
    public Identity whoIs(String token) {
        try (KubernetesClient c = forToken(token)) {
            SelfSubjectReview review = c.resource(new SelfSubjectReview()).create();
            UserInfo u = review.getStatus() == null ? null : review.getStatus().getUserInfo();
            if (u == null || u.getUsername() == null) {
                throw new KubernetesClientException("the API server did not say who this token is");
            }
            return new Identity(u.getUsername(), u.getGroups() == null ? List.of() : u.getGroups());
        }
    }

    public record Identity(String username, List<String> groups) {
    }
}
