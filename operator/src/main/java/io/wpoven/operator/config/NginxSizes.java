package io.wpoven.operator.config;

import java.util.Locale;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** PHP sizes as nginx writes them. */
final class NginxSizes {
    private NginxSizes() {
    }

    /** Both nginx layers accept exactly the bodies PHP accepts: the upload limit, "64M" written "64m". */
    static String clientMaxBodySize(WordPressSite site) {
        return site.getSpec().getWordpress().getPhp().getUploadMaxSize().toLowerCase(Locale.ROOT);
    }
}
