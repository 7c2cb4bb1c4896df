package io.wpoven.operator.dashboard;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Sign in by pasting a bearer token (a ServiceAccount token or an OIDC id token the API server accepts). The token is
 * checked by asking the API server, with that token, who it is (SelfSubjectReview); it is then kept server-side only.
 */
@Path(DashboardFilter.ROOT)
public class SignInResource {
    private static final Logger LOG = Logger.getLogger(SignInResource.class);

    @Inject
    @Location("dashboard/sign-in.html")
    Template signIn;
    @Inject
    Pages pages;
    @Inject
    SignedInUser user;
    @Inject
    SessionStore sessions;
    @Inject
    UserClients clients;
    @Inject
    DashboardConfig config;

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        if (user.isSignedIn()) {
            return Response.seeOther(URI.create(DashboardFilter.ROOT)).build();
        }
        return Response.ok(pages.page(signIn, "Sign in").data("error", null)).build();
    }

    @POST
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("token") String token, @Context UriInfo uri, @Context HttpHeaders headers) {
        String t = token == null ? "" : token.strip();
        if (t.startsWith("Bearer ")) {
            t = t.substring("Bearer ".length()).strip();
        }
        if (t.isEmpty() || t.length() > 16384 || !t.chars().allMatch(c -> c > 32 && c < 127)) {
            return refused("Paste a bearer token: a ServiceAccount token (kubectl create token NAME) or an OIDC id token.");
        }
        UserClients.Identity who;
        try {
            who = clients.whoIs(t);
        } catch (KubernetesClientException e) {
            LOG.infof("dashboard sign-in refused by the API server (HTTP %d)", e.getCode());
            return refused(e.getCode() == 401 ? "The API server refused this token (401 Unauthorized)."
                    : "The API server did not accept this token: HTTP " + e.getCode() + ".");
        }
        Session s = sessions.open(t, who.username(), who.groups());
        LOG.infof("dashboard: %s signed in", who.username());
        return Response.seeOther(URI.create(DashboardFilter.ROOT)).cookie(cookie(s.id, secure(uri, headers), -1)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context UriInfo uri, @Context HttpHeaders headers) {
        LOG.infof("dashboard: %s signed out", user.name());
        sessions.close(user.session().id);
        return Response.seeOther(URI.create(DashboardFilter.ROOT + "/sign-in")).cookie(cookie("", secure(uri, headers), 0)).build();
    }

    private Response refused(String why) {
        return Response.status(401).entity(pages.page(signIn, "Sign in").data("error", why)).type(MediaType.TEXT_HTML).build();
    }

    /** Secure when the browser reached us over TLS, directly or through a proxy that says so. */
    static boolean secure(UriInfo uri, HttpHeaders headers) {
        String proto = headers.getHeaderString("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme()) || (proto != null && proto.strip().equalsIgnoreCase("https"));
    }

    private static NewCookie cookie(String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(DashboardFilter.COOKIE).value(value).path(DashboardFilter.ROOT).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
