package io.wpoven.operator.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A short hash of rendered config files, put on a pod template so that a config change rolls the pods. */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** The first 16 hex digits of a SHA-256 over the files in key order; the same files always give the same hash. */
    public static String of(Map<String, String> files) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        new TreeMap<>(files).forEach((name, content) -> {
            // lengths first, so that moving text between a name and its content changes the hash
            update(sha256, name);
            update(sha256, content);
        });
        return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }
}
