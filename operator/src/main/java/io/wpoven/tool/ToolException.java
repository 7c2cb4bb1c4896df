package io.wpoven.tool;

/** A failure the tool reports as is: the message says what is wrong (it ends up in the termination message). */
public class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
