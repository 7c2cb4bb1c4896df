package io.wpoven.operator.dashboard;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * An API server refusal becomes a page with its status code and the API server's own message (a 403 names the verb,
 * resource and user RBAC refused), so the user sees what Kubernetes decided.
 */
public class ApiErrors {
    @Inject
    Pages pages;

    @ServerExceptionMapper
    public Response apiError(KubernetesClientException e) {
        int code = e.getCode() > 0 ? e.getCode() : 502;
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        String title = switch (code) {
            case 401 -> "Not signed in";
            case 403 -> "Forbidden by the API server";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 422 -> "Rejected by the API server";
            default -> "The API server answered " + code;
        };
        return pages.error(code, title, message);
    }

    @ServerExceptionMapper
    public Response badInput(BadInput e) {
        return pages.error(400, "Cannot do that", e.getMessage());
    }

    /** A file-manager action refused (outside wp-content, too large, not text, the API server's 403, …). */
    @ServerExceptionMapper
    public Response fileError(io.wpoven.operator.dashboard.files.SiteFileException e) {
        return pages.error(e.httpStatus(), "File manager: " + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                e.getMessage());
    }

    /** A request the dashboard refuses before asking Kubernetes (e.g. a clone without a backup to copy). */
    public static class BadInput extends RuntimeException {
        public BadInput(String message) {
            super(message);
        }
    }
}
