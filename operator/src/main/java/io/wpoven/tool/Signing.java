package io.wpoven.tool;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs manifests (HMAC-SHA256): {@code ARTIFACT_HMAC_KEY}, which the operator's Jobs get by
 * secretKeyRef from the site Secret of the Backup's site. A restore refuses a manifest without a valid HMAC before it
 * reads anything else, so an artifact someone else wrote into the storage is never loaded.
 */
public final class Signing {
    public static final String ENV = "ARTIFACT_HMAC_KEY";
    private final SecretKeySpec key;

    public Signing(String key) {
        if (key.length() < 16) {
            throw new ConfigException(ENV, "must be at least 16 characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static Optional<Signing> fromEnv(Env env) {
        return env.optional(ENV).isPresent() ? Optional.of(new Signing(env.secret(ENV))) : Optional.empty();
    }

    public static Signing required(Env env) {
        return new Signing(env.secret(ENV));
    }

    public String sign(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(byte[] content, String hmac) {
        return MessageDigest.isEqual(sign(content).getBytes(StandardCharsets.US_ASCII),
                hmac.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Signing[hidden]";
    }
}
