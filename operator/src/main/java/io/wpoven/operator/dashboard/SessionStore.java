package io.wpoven.operator.dashboard;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sessions in memory, keyed by a random id (the cookie's value). A session expires when unused for
 * wpoven.dashboard.session-idle-timeout or older than session-max-age; an operator restart signs everyone out.
 */
@ApplicationScoped
public class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final DashboardConfig config;
    private final UserClients clients;
    Clock clock = Clock.systemUTC();

    @Inject
    public SessionStore(DashboardConfig config, UserClients clients) {
        this.config = config;
        this.clients = clients;
    }

    Session open(String token, String username, List<String> groups) {
        sweep();
        Session s = new Session(randomId(), randomId(), token, username, groups, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            close(id);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    void close(String id) {
        Session s = sessions.remove(id);
        if (s != null) {
            s.close();
        }
    }

    io.fabric8.kubernetes.client.KubernetesClient clientOf(Session s) {
        return s.client(clients);
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return s.lastUsed().plus(config.sessionIdleTimeout()).isBefore(now) || s.created.plus(config.sessionMaxAge()).isBefore(now);
    }

    private void sweep() {
        Instant now = clock.instant();
        sessions.values().stream().filter(s -> expired(s, now)).map(s -> s.id).toList().forEach(this::close);
    }

    static String randomId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Compares in constant time, so a CSRF token cannot be guessed a character at a time. */
    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
