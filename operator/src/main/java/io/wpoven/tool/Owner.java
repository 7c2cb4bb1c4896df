package io.wpoven.tool;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who an artifact belongs to: the Kubernetes object whose Job wrote it ({@code OWNER_KIND}, {@code OWNER_NAMESPACE},
 * {@code OWNER_NAME}, {@code OWNER_UID}). A backup records it twice: in {@code owner.json}, written before anything
 * else (so an artifact cut short can still be proven to be this owner's), and in the manifest. Retention and purge
 * delete only artifacts whose record names their own Backup's uid; a Restore's safety artifact or a Staging's
 * checkpoint names the Restore or Staging and is never deleted by a Backup's retention.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Owner(String kind, String namespace, String name, String uid, String hmac) {
    public static final String FILE_NAME = "owner.json";

    public Owner(String kind, String namespace, String name, String uid) {
        this(kind, namespace, name, uid, null);
    }

    /** The owner the environment names; empty when OWNER_UID is unset (a backup nobody's retention may delete). */
    public static Optional<Owner> fromEnv(Env env) {
        return env.optional("OWNER_UID").map(uid -> new Owner(env.get("OWNER_KIND", "Backup"),
                env.get("OWNER_NAMESPACE", ""), env.get("OWNER_NAME", ""), uid));
    }

    /** The same object (kind and uid; names are for people). */
    public boolean sameAs(Owner other) {
        return other != null && kind.equals(other.kind) && uid.equals(other.uid);
    }

    public byte[] toJson(Signing key) {
        Owner unsigned = new Owner(kind, namespace, name, uid);
        try {
            byte[] json = Manifest.JSON.writeValueAsBytes(unsigned);
            return key == null ? json
                    : Manifest.JSON.writeValueAsBytes(new Owner(kind, namespace, name, uid, key.sign(json)));
        } catch (IOException e) {
            throw new ToolException("cannot write owner.json: " + e.getMessage(), e);
        }
    }

    /** The owner record of json when it parses and, with a key, carries a valid HMAC; empty otherwise. */
    public static Optional<Owner> parse(byte[] json, Signing key) {
        try {
            Owner owner = Manifest.JSON.readValue(json, Owner.class);
            if (owner.kind() == null || owner.uid() == null) {
                return Optional.empty();
            }
            Owner unsigned = new Owner(owner.kind, owner.namespace, owner.name, owner.uid);
            if (key != null && (owner.hmac() == null
                    || !key.verify(Manifest.JSON.writeValueAsBytes(unsigned), owner.hmac()))) {
                return Optional.empty();
            }
            return Optional.of(unsigned);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name + " (uid " + uid + ")";
    }
}
