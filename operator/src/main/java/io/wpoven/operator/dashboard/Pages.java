package io.wpoven.operator.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The dashboard's page frame. A page is a Qute template under templates/dashboard/ that starts with
 * {#include dashboard/layout} and fills {#insert body}; {@link #page} gives it the signed-in user and CSRF token.
 */
@ApplicationScoped
public class Pages {
    @Inject
    @Location("dashboard/error.html")
    Template error;
    @Inject
    SignedInUser user;

    /** A template with what every page's frame needs: title, user (null on the sign-in page) and CSRF token. */
    public TemplateInstance page(Template template, String title) {
        return template.data("title", title)
                .data("user", user.isSignedIn() ? user.name() : null)
                .data("csrf", user.isSignedIn() ? user.csrfToken() : "")
                .data("root", DashboardFilter.ROOT);
    }

    public Response error(int status, String title, String message) {
        String html = page(error, title).data("status", status).data("message", message).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
