package io.wpoven.operator.dashboard.files;

/**
 * A file-manager action refused or failed, with a reason a page can show and an HTTP status it can answer with. A
 * refusal by the API server (the user's RBAC) keeps the API server's own message.
 */
public class SiteFileException extends RuntimeException {
    public enum Reason {
        INVALID_PATH(400),
        OUTSIDE_WP_CONTENT(400),
        /** The API server refused the user (RBAC: pods/exec, pods list). */
        FORBIDDEN(403),
        NOT_FOUND(404),
        /** The site has no running WordPress pod to reach its files through. */
        NO_POD(503),
        EXISTS(409),
        NOT_EMPTY(409),
        NOT_A_FILE(409),
        NOT_A_FOLDER(409),
        TOO_LARGE(413),
        /** A file that is not UTF-8 text, for the text editor. */
        NOT_TEXT(415),
        FAILED(500);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public SiteFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SiteFileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return reason.httpStatus();
    }
}
