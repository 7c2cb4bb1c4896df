package io.wpoven.operator.dashboard;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One signed-in browser: the user's bearer token stays here, server-side, and never reaches a page or a log. The
 * client made with it is the only one a user's action uses.
 */
final class Session {
    final String id;
    final String csrfToken;
    final String username;
    final List<String> groups;
    final Instant created;
    private final String token;
    private volatile Instant lastUsed;
    private volatile KubernetesClient client;

    Session(String id, String csrfToken, String token, String username, List<String> groups, Instant now) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.token = token;
        this.username = username;
        this.groups = List.copyOf(groups);
        this.created = now;
        this.lastUsed = now;
    }

    String token() {
        return token;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    synchronized KubernetesClient client(UserClients clients) {
        if (client == null) {
            client = clients.forToken(token);
        }
        return client;
    }

    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public String toString() {
        return "Session[" + username + "]"; // never the token or the ids
    }
}
