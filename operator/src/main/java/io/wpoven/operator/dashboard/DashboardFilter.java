package io.wpoven.operator.dashboard;

import java.net.URI;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The gate of every dashboard request: off → 404; the session cookie → {@link SignedInUser}; no session → the
 * sign-in page; a POST without the session's CSRF token → 403. Nothing here logs a token or a cookie.
 */
public class DashboardFilter {
    public static final String ROOT = "/dashboard";
    public static final String COOKIE = "wpoven_dashboard_session";
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    DashboardConfig config;
    @Inject
    SessionStore sessions;
    @Inject
    SignedInUser user;
    @Inject
    Pages pages;

    @ServerRequestFilter(readBody = true)
    public Optional<Response> gate(ContainerRequestContext ctx, ResteasyReactiveContainerRequestContext rctx) {
        String path = ctx.getUriInfo().getPath();
        if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        if (!config.enabled()) {
            return Optional.of(Response.status(Response.Status.NOT_FOUND).build());
        }
        Cookie cookie = ctx.getCookies().get(COOKIE);
        sessions.find(cookie == null ? null : cookie.getValue()).ifPresent(user::signIn);
        boolean open = path.equals(ROOT + "/sign-in") || path.startsWith(ROOT + "/static/");
        if (!user.isSignedIn()) {
            if (open) {
                return Optional.empty();
            }
            return Optional.of(Response.seeOther(URI.create(ROOT + "/sign-in")).build());
        }
        if (!"GET".equals(ctx.getMethod()) && !"HEAD".equals(ctx.getMethod())) {
            String given = ctx.getHeaderString(CSRF_HEADER);
            if (given == null) {
                Object field = ((ResteasyReactiveRequestContext) rctx.getServerRequestContext())
                        .getFormParameter(CSRF_FIELD, true, false);
                given = field == null ? null : field.toString();
            }
            if (!SessionStore.same(user.csrfToken(), given)) {
                return Optional.of(pages.error(403, "Forbidden", "The form was not sent from this dashboard session"
                        + " (missing or wrong CSRF token). Reload the page and try again."));
            }
        }
        return Optional.empty();
    }

    /** No caching of pages that show a user's objects; no framing; scripts only from the dashboard itself. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext req, ContainerResponseContext res) {
        String path = req.getUriInfo().getPath();
        if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
            return;
        }
        var h = res.getHeaders();
        h.putSingle("Cache-Control", "no-store");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "no-referrer");
        h.putSingle("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " frame-ancestors 'none'; form-action 'self'");
    }
}
