package io.wpoven.operator.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes core/v1 Events about a custom resource, as `kubectl describe` shows them. Never throws.
 * <p>
 * A retry loop must not write an Event per retry (client-go's EventCorrelator does the same): an Event is named
 * after what it says (the object's uid, type, reason and message), so the same Event again is the same object,
 * and within {@link #WINDOW} of the last write it is not written at all. After the window the existing Event's
 * count and lastTimestamp go up. An operator restart forgets the window, not the Event: the create finds it and
 * bumps its count.
 */
public final class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    public static final String COMPONENT = "wpoven-operator";
    /** Identical Events within this time of the last one written are one Event. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** Above this many remembered Events, the ones older than the window are forgotten. */
    static final int MAX_REMEMBERED = 4096;

    private static final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();
    static Clock clock = Clock.systemUTC();

    private EventRecorder() {
    }

    public static void normal(KubernetesClient client, HasMetadata about, String reason, String message) {
        record(client, about, "Normal", reason, message);
    }

    public static void warning(KubernetesClient client, HasMetadata about, String reason, String message) {
        record(client, about, "Warning", reason, message);
    }

    private static void record(KubernetesClient client, HasMetadata about, String type, String reason, String message) {
        String text = truncate(message);
        String name = name(about, type, reason, text);
        String namespace = about.getMetadata().getNamespace();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String key = namespace + "/" + name;
        Instant last = lastWritten.get(key);
        if (last != null && last.plus(WINDOW).isAfter(now)) {
            return;
        }
        try {
            Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
            if (existing == null) {
                client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion(about.getApiVersion()).withKind(about.getKind())
                        .withName(about.getMetadata().getName()).withNamespace(namespace)
                        .withUid(about.getMetadata().getUid()).withResourceVersion(about.getMetadata().getResourceVersion())
                        .endInvolvedObject()
                        .withType(type).withReason(reason).withMessage(text)
                        .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                        .withNewSource().withComponent(COMPONENT).endSource()
                        .withReportingComponent(COMPONENT)
                        .build()).create();
            } else {
                int count = existing.getCount() == null ? 1 : existing.getCount();
                client.v1().events().inNamespace(namespace).withName(name).edit(e -> new EventBuilder(e)
                        .withCount(count + 1).withLastTimestamp(now.toString()).build());
            }
            remember(key, now);
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, namespace, about.getMetadata().getName(),
                    e.getMessage());
        }
    }

    private static void remember(String key, Instant now) {
        if (lastWritten.size() >= MAX_REMEMBERED) {
            lastWritten.values().removeIf(t -> !t.plus(WINDOW).isAfter(now));
        }
        lastWritten.put(key, now);
    }

    /** {@code <object>.<hash of uid, type, reason, message>}: the same Event about the same object has one name. */
    static String name(HasMetadata about, String type, String reason, String message) {
        String object = about.getMetadata().getName();
        return (object.length() > 200 ? object.substring(0, 200) : object) + "." + hash(
                about.getMetadata().getUid() + "\n" + type + "\n" + reason + "\n" + message);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets the window (tests). */
    static void forget() {
        lastWritten.clear();
    }

    private static String truncate(String message) {
        return message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
    }
}
