package io.wpoven.operator.config;

import java.util.List;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;

/**
 * The inline public keys of spec.access.ssh as an OpenSSH authorized_keys file. Public keys are not secret: the file
 * is a key of the site's ConfigMap; keys from a Secret stay in that Secret (mounted beside it).
 */
public final class AuthorizedKeys {
    private AuthorizedKeys() {
    }

    /** The site's inline keys, empty when SSH is off or it has none. */
    public static List<String> inline(WordPressSite site) {
        if (!SshSpec.on(site.getSpec().getAccess())) {
            return List.of();
        }
        List<String> keys = site.getSpec().getAccess().getSsh().getAuthorizedKeys();
        return keys == null ? List.of() : keys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** One key a line; the schema allows no line breaks inside a key, so no line can add options or other keys. */
    public static String render(WordPressSite site) {
        StringBuilder file = new StringBuilder();
        inline(site).forEach(k -> file.append(k).append('\n'));
        return file.toString();
    }
}
