package io.wpoven.tool;

import io.wpoven.tool.db.SerializedReplace;

/** FROM_URL and TO_URL: both or neither. */
final class Urls {
    private Urls() {
    }

    /** The replacement, or null when no URL is to be rewritten. */
    static SerializedReplace replacement(Env env) {
        var from = env.optional("FROM_URL");
        var to = env.optional("TO_URL");
        if (from.isPresent() != to.isPresent()) {
            throw new ConfigException(from.isPresent() ? "TO_URL" : "FROM_URL", "must be set together with "
                    + (from.isPresent() ? "FROM_URL" : "TO_URL"));
        }
        if (from.isEmpty() || from.get().equals(to.get())) {
            return null;
        }
        return new SerializedReplace(from.get(), to.get());
    }
}
