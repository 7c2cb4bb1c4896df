package io.wpoven.operator.dashboard;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The management dashboard (docs/dashboard.md): off unless wpoven.dashboard.enabled=true (chart: dashboard.enabled). */
@ConfigMapping(prefix = "wpoven.dashboard")
public interface DashboardConfig {
    /** Off: every /dashboard path answers 404. */
    @WithDefault("false")
    boolean enabled();

    /** A session unused this long is forgotten (its token with it). */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /** A session is forgotten this long after sign-in, used or not. */
    @WithDefault("PT8H")
    Duration sessionMaxAge();

    /** The API server users' tokens are sent to. Absent: the one the operator talks to (its URL and CA, never its credentials). */
    Optional<String> apiServer();

    /** Objects per list call when the fleet is read page by page (limit/continue). */
    @WithDefault("500")
    int pageSize();
}
