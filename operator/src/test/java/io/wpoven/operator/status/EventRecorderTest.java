package io.wpoven.operator.status;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** Events as `kubectl describe` shows them after a retry loop: one Event with a count, not one per retry. */
@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
    static KubernetesClient client;
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    WordPressSite blog;

    @BeforeEach
    void setUp() {
        EventRecorder.forget();
        at(T0);
        blog = site("blog", "blog.example.com");
        blog.getMetadata().setUid("uid-blog");
    }

    @AfterEach
    void tearDown() {
        EventRecorder.clock = Clock.systemUTC();
        client.v1().events().inNamespace("shop").delete();
    }

    static void at(Instant now) {
        EventRecorder.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    List<Event> events() {
        return client.v1().events().inNamespace("shop").list().getItems();
    }

    @Test
    void aRetryLoopWritesOneEvent() {
        for (int retry = 0; retry < 20; retry++) {
            at(T0.plusSeconds(retry * 5L));
            EventRecorder.warning(client, blog, "ReconcileFailed", "The database Secret shop/db is missing");
        }
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(1);
            assertThat(e.getReason()).isEqualTo("ReconcileFailed");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("blog");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-blog");
            assertThat(e.getFirstTimestamp()).isEqualTo("2026-01-01T10:00:00Z");
        });
    }

    @Test
    void afterTheWindowTheSameEventCountsUp() {
        EventRecorder.warning(client, blog, "ReconcileFailed", "boom");
        at(T0.plus(EventRecorder.WINDOW).plusSeconds(1));
        EventRecorder.warning(client, blog, "ReconcileFailed", "boom");
        at(T0.plus(EventRecorder.WINDOW).plusSeconds(30));
        EventRecorder.warning(client, blog, "ReconcileFailed", "boom");

        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(2);
            assertThat(e.getFirstTimestamp()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(e.getLastTimestamp()).isEqualTo("2026-01-01T10:10:01Z");
        });
    }

    @Test
    void differentEventsAreEachWritten() {
        EventRecorder.warning(client, blog, "ReconcileFailed", "boom");
        EventRecorder.warning(client, blog, "ReconcileFailed", "bang");
        EventRecorder.normal(client, blog, "ReconcileFailed", "boom");
        EventRecorder.normal(client, blog, "Ready", "The site is serving at https://blog.example.com/");
        WordPressSite other = site("shop", "shop.example.com");
        other.getMetadata().setUid("uid-shop");
        EventRecorder.warning(client, other, "ReconcileFailed", "boom");

        assertThat(events()).hasSize(5).allSatisfy(e -> assertThat(e.getCount()).isEqualTo(1));
    }

    @Test
    void aRestartedOperatorCountsUpTheEventItFinds() {
        EventRecorder.warning(client, blog, "ReconcileFailed", "boom");
        EventRecorder.forget();
        at(T0.plusSeconds(60));
        EventRecorder.warning(client, blog, "ReconcileFailed", "boom");

        assertThat(events()).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
    }

    @Test
    void namesAreValidAndStablePerEvent() {
        String name = EventRecorder.name(blog, "Warning", "ReconcileFailed", "boom");
        assertThat(name).isEqualTo(EventRecorder.name(blog, "Warning", "ReconcileFailed", "boom"))
                .isNotEqualTo(EventRecorder.name(blog, "Warning", "ReconcileFailed", "bang"))
                .matches("blog\\.[0-9a-f]{16}");
        WordPressSite longName = site("a".repeat(253), "x.example.com");
        assertThat(EventRecorder.name(longName, "Normal", "R", "m")).hasSizeLessThanOrEqualTo(253);
    }
}
