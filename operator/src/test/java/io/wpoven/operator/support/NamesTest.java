package io.wpoven.operator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.Staging;

class NamesTest {
    static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    static <T extends HasMetadata> T named(T object, String name, String uid) {
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid(uid).build());
        return object;
    }

    @Test
    void pushesWhoseIdsShareTheirFirstSixteenCharactersGetTheirOwnObjects() {
        Staging staging = named(new Staging(), "blog-staging", "uid-1");
        String first = Names.syncRequest(staging, "push", "release-2026-11-28", 3);
        String second = Names.syncRequest(staging, "push", "release-2026-11-29", 4);
        assertThat(first).isNotEqualTo(second);
        for (String suffix : List.of("", "checkpoint", "rollback")) {
            assertThat(Names.stagingSync(staging, "push", "release-2026-11-28", first, suffix))
                    .isNotEqualTo(Names.stagingSync(staging, "push", "release-2026-11-29", second, suffix));
        }
        assertThat(Names.stagingSync(staging, "push", "release-2026-11-28", first, ""))
                .as("still readable").startsWith("blog-staging-push-release-2026-");
    }

    @Test
    void anIdUsedAgainLaterOrByAnotherStagingOfTheSameNameIsAnotherRequest() {
        Staging staging = named(new Staging(), "blog-staging", "uid-1");
        Staging recreated = named(new Staging(), "blog-staging", "uid-2");
        assertThat(Names.syncRequest(staging, "push", "r1", 2)).isNotEqualTo(Names.syncRequest(staging, "push", "r1", 5))
                .isNotEqualTo(Names.syncRequest(recreated, "push", "r1", 2))
                .isNotEqualTo(Names.syncRequest(staging, "pull", "r1", 2))
                .isEqualTo(Names.syncRequest(staging, "push", "r1", 2));
    }

    @Test
    void longNamesStayValidLabelsAndTwoLongNamesWithACommonStartDoNotCollide() {
        String common = "a".repeat(60);
        Staging staging = named(new Staging(), common + "-x", "uid-1");
        Staging other = named(new Staging(), common + "-y", "uid-2");
        String request = Names.syncRequest(staging, "pull", "A.Very_Long.Request-Id-That-Goes-On-And-On-1234567890", 7);
        for (String suffix : List.of("", "checkpoint", "rollback")) {
            String name = Names.stagingSync(staging, "pull", "A.Very_Long.Request-Id-That-Goes-On-And-On-1234567890",
                    request, suffix);
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        }
        Restore a = named(new Restore(), common + "-one", "u1");
        Restore b = named(new Restore(), common + "-two", "u2");
        assertThat(Names.restoreJob(a)).isNotEqualTo(Names.restoreJob(b)).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(Names.restoreSafetyJob(a)).isNotEqualTo(Names.restoreSafetyJob(b));
        assertThat(Names.stagingClone(staging)).isNotEqualTo(Names.stagingClone(other)).hasSizeLessThanOrEqualTo(63);
        Stream.of(Names.backupCronJob(a), Names.backupCleanup(a)).forEach(n -> assertThat(n).hasSizeLessThanOrEqualTo(63)
                .matches(DNS_LABEL));
        assertThat(Names.backupCronJob(a)).isNotEqualTo(Names.backupCronJob(b));
    }

    static final String DNS_1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";

    /** The longest allowed site name still gives valid Service, StatefulSet (pod label), Job and volume names. */
    @Test
    void theLongestSiteNameTheSchemaAllowsGivesValidNamesForEveryObject() {
        io.wpoven.operator.api.v1alpha1.WordPressSite site = named(new io.wpoven.operator.api.v1alpha1.WordPressSite(),
                "s" + "a".repeat(Names.SITE_NAME_MAX - 1), "u");
        assertThat(site.getMetadata().getName()).hasSize(Names.SITE_NAME_MAX).matches(Names.SITE_NAME_PATTERN);
        for (String service : List.of(Names.proxy(site), Names.varnish(site), Names.varnishPods(site), Names.wordpress(site), Names.redis(site),
                Names.mariadb(site))) {
            assertThat(service).as("a Service name is a DNS-1035 label").hasSizeLessThanOrEqualTo(63).matches(DNS_1035_LABEL);
        }
        assertThat(Names.mariadb(site) + "-" + "0123456789").as("the StatefulSet's controller-revision-hash label value")
                .hasSizeLessThanOrEqualTo(63);
        assertThat(Names.installJob(site)).as("job-name label").hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(Names.contentVolume(site)).as("a volume name").hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(Names.siteBackup(site)).hasSizeLessThanOrEqualTo(63);

        io.wpoven.operator.api.v1alpha1.WordPressSite longer = named(new io.wpoven.operator.api.v1alpha1.WordPressSite(),
                "s" + "a".repeat(Names.SITE_NAME_MAX), "u");
        assertThat(Names.mariadb(longer) + "-0123456789").as("one more character breaks the tightest name")
                .hasSizeGreaterThan(63);
        assertThat(Names.SITE_NAME_MAX).isEqualTo(44);
        assertThat("blog.example").doesNotMatch(Names.SITE_NAME_PATTERN);
        assertThat("1blog").as("a Service name starts with a letter").doesNotMatch(Names.SITE_NAME_PATTERN);
    }

    @Test
    void shortNamesAreKeptAsTheyWere() {
        Restore r = named(new Restore(), "undo-tuesday", "u1");
        assertThat(Names.restoreJob(r)).isEqualTo("undo-tuesday-restore");
        assertThat(Names.restoreSafetyJob(r)).isEqualTo("undo-tuesday-safety");
    }
}
