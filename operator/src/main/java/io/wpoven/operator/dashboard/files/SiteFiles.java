package io.wpoven.operator.dashboard.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.operator.dashboard.files.SiteFileException.Reason;
import io.wpoven.operator.dashboard.pods.PodExec;
import io.wpoven.operator.dashboard.pods.SitePods;
import io.wpoven.operator.site.dependent.WordPressDeploymentDependent;
import io.wpoven.operator.support.Component;

/**
 * The dashboard's file manager: browse, download, upload, edit text, make folders, rename and delete below a site's
 * wp-content, and nowhere else. Every action is a pods/exec into a ready WordPress pod of the site with the
 * signed-in user's client, so the user's RBAC decides (pods list and pods/exec in the site's namespace); it runs as
 * the container's user (www-data), so files keep WordPress's owner. A fixed PHP script (resources/dashboard/
 * site-files.php) does the work: paths are separate argv elements, content goes through stdin and stdout.
 * Paths are normalised here ({@link WpContentPath}) and resolved again inside the pod, where realpath refuses any
 * symlink that leads out of wp-content.
 */
public final class SiteFiles {
    /** Where the WordPress pods mount the site's wp-content claim. */
    public static final String WP_CONTENT = WordPressDeploymentDependent.DOCROOT + "/wp-content";
    /** The container whose user owns wp-content (PHP-FPM, www-data), with PHP to run the script. */
    public static final String CONTAINER = WordPressDeploymentDependent.PHP_CONTAINER;
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration TRANSFER = Duration.ofMinutes(10);
    private static final String SCRIPT = script();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The largest upload or download through the file manager, and the largest file the text editor opens. */
    public record Limits(long maxUpload, int maxText) {
        public static final Limits DEFAULT = new Limits(64L * 1024 * 1024, 1024 * 1024);
    }

    /** One entry of a folder: type is file, folder, symlink or other; size in bytes; modified to the second. */
    public record Entry(String name, String type, long size, Instant modified) {
    }

    private final KubernetesClient client;
    private final Limits limits;

    /** @param client the signed-in user's client (never the operator's) */
    public SiteFiles(KubernetesClient client, Limits limits) {
        this.client = client;
        this.limits = limits;
    }

    public SiteFiles(KubernetesClient client) {
        this(client, Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /** The folder's entries, folders first, then by name. */
    public List<Entry> list(String namespace, String site, String folder) {
        byte[] out = quick(namespace, site, "list", WpContentPath.of(folder), "", 8L * 1024 * 1024);
        List<Entry> entries = new ArrayList<>();
        for (RawEntry e : parse(out, new TypeReference<List<RawEntry>>() {
        })) {
            entries.add(e.entry());
        }
        entries.sort(Comparator.comparing((Entry e) -> !e.type().equals("folder")).thenComparing(Entry::name));
        return entries;
    }

    /** One file's or folder's entry (for a download's length and name). */
    public Entry stat(String namespace, String site, String path) {
        return parse(quick(namespace, site, "stat", WpContentPath.of(path), "", 64 * 1024), new TypeReference<RawEntry>() {
        }).entry();
    }

    /** Streams the file to out; refused above Limits.maxUpload. Call {@link #stat} first for its length. */
    public void download(String namespace, String site, String path, OutputStream out) {
        WpContentPath p = WpContentPath.of(path);
        run(namespace, site, List.of("read", p.relative(), Long.toString(limits.maxUpload())), null, 0, out, TRANSFER, p);
    }

    /** Writes size bytes from content to the file (made or replaced whole; its folder must exist). */
    public void upload(String namespace, String site, String path, InputStream content, long size) {
        WpContentPath p = WpContentPath.of(path);
        if (p.isRoot()) {
            throw new SiteFileException(Reason.NOT_A_FILE, "give the name of the file to write");
        }
        if (size < 0 || size > limits.maxUpload()) {
            throw new SiteFileException(Reason.TOO_LARGE,
                    "the file is " + size + " bytes; uploads are limited to " + limits.maxUpload() + " bytes");
        }
        run(namespace, site, List.of("write", p.relative(), Long.toString(size)), content, size, OutputStream.nullOutputStream(),
                TRANSFER, p);
    }

    /** A text file's content for the editor: UTF-8, at most Limits.maxText bytes, no NUL. */
    public String readText(String namespace, String site, String path) {
        WpContentPath p = WpContentPath.of(path);
        PodExec.Bounded out = new PodExec.Bounded(limits.maxText() + 1L);
        run(namespace, site, List.of("read", p.relative(), Integer.toString(limits.maxText())), null, 0, out, QUICK, p);
        return text(out.bytes(), p);
    }

    /** Replaces a text file's content (UTF-8, at most Limits.maxText bytes). */
    public void writeText(String namespace, String site, String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limits.maxText()) {
            throw new SiteFileException(Reason.TOO_LARGE,
                    "the text is " + bytes.length + " bytes; the editor takes at most " + limits.maxText());
        }
        upload(namespace, site, path, new ByteArrayInputStream(bytes), bytes.length);
    }

    /** A new folder in an existing one. */
    public void mkdir(String namespace, String site, String path) {
        WpContentPath p = WpContentPath.of(path);
        quick(namespace, site, "mkdir", p, "", 0);
    }

    /** Moves a file or folder to a path that does not exist yet (its folder must). */
    public void rename(String namespace, String site, String from, String to) {
        WpContentPath source = WpContentPath.of(from);
        WpContentPath target = WpContentPath.of(to);
        if (source.isRoot() || target.isRoot()) {
            throw new SiteFileException(Reason.OUTSIDE_WP_CONTENT, "wp-content itself cannot be renamed");
        }
        quick(namespace, site, "rename", source, target.relative(), 0);
    }

    /** Deletes a file or symlink, an empty folder, or (recursive) a folder with everything in it. */
    public void delete(String namespace, String site, String path, boolean recursive) {
        WpContentPath p = WpContentPath.of(path);
        if (p.isRoot()) {
            throw new SiteFileException(Reason.OUTSIDE_WP_CONTENT, "wp-content itself cannot be deleted");
        }
        quick(namespace, site, "delete", p, recursive ? "recursive" : "", 0);
    }

    private byte[] quick(String namespace, String site, String op, WpContentPath path, String arg, long maxOut) {
        PodExec.Bounded out = new PodExec.Bounded(maxOut);
        run(namespace, site, arg.isEmpty() ? List.of(op, path.relative()) : List.of(op, path.relative(), arg), null, 0,
                out, QUICK, path);
        if (out.overflowed()) {
            throw new SiteFileException(Reason.TOO_LARGE, "the answer about " + path + " is larger than " + maxOut + " bytes");
        }
        return out.bytes();
    }

    private void run(String namespace, String site, List<String> args, InputStream stdin, long length, OutputStream out,
            Duration timeout, WpContentPath path) {
        Pod pod = pod(namespace, site);
        List<String> argv = new ArrayList<>(List.of("php", "-r", SCRIPT, "--", args.get(0), WP_CONTENT));
        argv.addAll(args.subList(1, args.size()));
        PodExec.Result result;
        try {
            result = PodExec.run(client, namespace, pod.getMetadata().getName(), CONTAINER, argv, stdin, length, out,
                    timeout);
        } catch (KubernetesClientException e) {
            throw refusal(e, "reach the files of " + namespace + "/" + site);
        }
        if (!result.ok()) {
            String message = result.error().isBlank() ? "the file action on " + path + " failed (exit " + result.exitCode() + ")"
                    : result.error().strip();
            throw new SiteFileException(reason(result.exitCode()), message);
        }
    }

    private Pod pod(String namespace, String site) {
        try {
            return SitePods.firstReady(client, namespace, site, Component.WORDPRESS)
                    .orElseThrow(() -> new SiteFileException(Reason.NO_POD,
                            "the site " + namespace + "/" + site + " has no ready WordPress pod to reach its files through"));
        } catch (KubernetesClientException e) {
            throw refusal(e, "list the pods of " + namespace + "/" + site);
        }
    }

    /** The API server's answer as the user should see it: a 403 keeps its own message (which names the verb). */
    static SiteFileException refusal(KubernetesClientException e, String action) {
        String message = PodExec.apiMessage(e);
        if (e.getCode() == 403) {
            return new SiteFileException(Reason.FORBIDDEN, "the API server refused to " + action + ": " + message, e);
        }
        if (e.getCode() == 404) {
            return new SiteFileException(Reason.NO_POD, "cannot " + action + ": " + message, e);
        }
        return new SiteFileException(Reason.FAILED, "cannot " + action + ": " + message, e);
    }

    /** The script's exit codes (site-files.php). */
    static Reason reason(int exitCode) {
        return switch (exitCode) {
            case 3 -> Reason.NOT_FOUND;
            case 4 -> Reason.OUTSIDE_WP_CONTENT;
            case 5 -> Reason.NOT_A_FOLDER;
            case 6 -> Reason.NOT_A_FILE;
            case 7 -> Reason.TOO_LARGE;
            case 8 -> Reason.NOT_EMPTY;
            case 9 -> Reason.EXISTS;
            default -> Reason.FAILED;
        };
    }

    /** The bytes as text, or refused: the editor takes UTF-8 text without NUL (anything else is binary). */
    static String text(byte[] bytes, WpContentPath path) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new SiteFileException(Reason.NOT_TEXT, path + " is a binary file; download it instead");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SiteFileException(Reason.NOT_TEXT, path + " is not UTF-8 text; download it instead");
        }
    }

    private static <T> T parse(byte[] json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new SiteFileException(Reason.FAILED, "unreadable answer from the pod: " + e.getMessage(), e);
        }
    }

    private static String script() {
        try (InputStream in = SiteFiles.class.getResourceAsStream("/dashboard/site-files.php")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's JSON for one entry. */
    record RawEntry(String name, String type, long size, long mtime) {
        Entry entry() {
            return new Entry(name, type, size, Instant.ofEpochSecond(mtime));
        }
    }
}
