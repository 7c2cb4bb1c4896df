package io.wpoven.operator.support;

import java.util.Optional;

/** Moves an image reference to another registry (a mirror), keeping its repository path, tag and digest. */
public final class ImageRegistry {
    private ImageRegistry() {
    }

    /**
     * {@code wordpress:6.8} → {@code REGISTRY/library/wordpress:6.8}; {@code ghcr.io/wpoven/wpoven-operator:0.1.0}
     * → {@code REGISTRY/wpoven/wpoven-operator:0.1.0}; unchanged without a registry.
     */
    public static String rewrite(String image, Optional<String> registry) {
        if (registry.isEmpty() || registry.get().isBlank()) {
            return image;
        }
        String target = registry.get().replaceAll("/+$", "");
        if (image.startsWith(target + "/")) {
            return image; // already there (e.g. the tool image, which the chart moves itself)
        }
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        String path;
        if (slash < 0) {
            path = "library/" + image; // Docker Hub's official images
        } else if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            path = image.substring(slash + 1); // a registry host: replaced
        } else {
            path = image; // a Docker Hub user's image
        }
        return target + "/" + path;
    }

    /** An operator-wide image (a default, the tool, an exporter) as the operator's settings place it. */
    public static String of(String image, OperatorConfig config) {
        return rewrite(image, config.images().registry());
    }
}
