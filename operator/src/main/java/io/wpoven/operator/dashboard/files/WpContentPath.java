package io.wpoven.operator.dashboard.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A path below a site's wp-content as the file manager takes it from a user: relative, normalised, without any way
 * up. Refused: absolute paths, "..", NUL and other control characters, backslashes, "%2e%2e" and other encoded
 * dots or slashes, names longer than a file system allows. Symlinks are checked inside the pod (realpath), where
 * the file system is; this class is the first gate, the in-pod check the second.
 */
public final class WpContentPath {
    /** Linux's limits: a name (NAME_MAX) and a whole path (PATH_MAX), in bytes. */
    static final int NAME_MAX = 255;
    static final int PATH_MAX = 4096;

    private final String relative;

    private WpContentPath(String relative) {
        this.relative = relative;
    }

    /** wp-content itself. */
    public static WpContentPath root() {
        return new WpContentPath("");
    }

    /** The normalised path; "", "." and "/"-free forms like "uploads/" name wp-content's own folders. */
    public static WpContentPath of(String path) {
        if (path == null) {
            throw invalid("no path given");
        }
        if (path.startsWith("/")) {
            throw new SiteFileException(SiteFileException.Reason.OUTSIDE_WP_CONTENT,
                    "absolute paths are refused: give a path relative to wp-content");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > PATH_MAX) {
            throw invalid("the path is longer than " + PATH_MAX + " bytes");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            check(part);
            parts.add(part);
        }
        return new WpContentPath(String.join("/", parts));
    }

    private static void check(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == 0) {
                throw invalid("a path must not contain NUL");
            }
            if (c < 0x20 || c == 0x7f) {
                throw invalid("a path must not contain control characters");
            }
            if (c == '\\') {
                throw invalid("a path must not contain backslashes");
            }
        }
        String lower = part.toLowerCase(Locale.ROOT);
        if (part.equals("..") || decoded(lower).equals("..")) {
            throw new SiteFileException(SiteFileException.Reason.OUTSIDE_WP_CONTENT,
                    "'..' is refused: paths stay inside wp-content");
        }
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            throw invalid("a path must not contain encoded slashes or NUL");
        }
        if (part.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw invalid("a name is longer than " + NAME_MAX + " bytes");
        }
    }

    /** %2e and its double-encoded form %252e read as dots, so no layer that decodes once more turns them into "..". */
    private static String decoded(String lower) {
        String s = lower;
        for (int i = 0; i < 3 && s.contains("%"); i++) {
            s = s.replace("%25", "%").replace("%2e", ".");
        }
        return s;
    }

    private static SiteFileException invalid(String message) {
        return new SiteFileException(SiteFileException.Reason.INVALID_PATH, message);
    }

    /** Relative to wp-content, "" for wp-content itself; never starts with "/" and holds no "." or ".." part. */
    public String relative() {
        return relative;
    }

    public boolean isRoot() {
        return relative.isEmpty();
    }

    /** The last name ("" for wp-content itself). */
    public String name() {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    /** A name inside this folder. */
    public WpContentPath child(String name) {
        WpContentPath child = of(name);
        if (child.isRoot() || child.relative.contains("/")) {
            throw invalid("a name must not be empty or contain '/'");
        }
        return new WpContentPath(isRoot() ? child.relative : relative + "/" + child.relative);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WpContentPath p && p.relative.equals(relative);
    }

    @Override
    public int hashCode() {
        return relative.hashCode();
    }

    @Override
    public String toString() {
        return "wp-content" + (isRoot() ? "" : "/" + relative);
    }
}
