package io.wpoven.tool;

/** A missing or invalid environment variable: the tool exits with 2 and names the variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
