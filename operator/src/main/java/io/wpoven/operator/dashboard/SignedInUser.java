package io.wpoven.operator.dashboard;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The user of the current dashboard request. {@link #client()} is the Kubernetes client every read and write of a
 * user action must go through: it carries the user's own token, so Kubernetes RBAC decides what they may do. Pages
 * and services (file manager, servers, metrics) take this client; none of them uses the operator's client.
 */
@RequestScoped
public class SignedInUser {
    @Inject
    SessionStore sessions;

    private Session session;

    void signIn(Session session) {
        this.session = session;
    }

    public boolean isSignedIn() {
        return session != null;
    }

    /** The Kubernetes user name (from SelfSubjectReview at sign-in). */
    public String name() {
        return require().username;
    }

    public List<String> groups() {
        return require().groups;
    }

    /** The client acting as this user (their bearer token only). */
    public KubernetesClient client() {
        return sessions.clientOf(require());
    }

    /** The session's CSRF token: every form carries it as the field {@value DashboardFilter#CSRF_FIELD}, every XHR as the header {@value DashboardFilter#CSRF_HEADER}. */
    public String csrfToken() {
        return require().csrfToken;
    }

    Session session() {
        return session;
    }

    private Session require() {
        if (session == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return session;
    }
}
