package io.wpoven.operator.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.support.Labels;

class SyncRequestsTest {
    static Job job(String name, String ownerUid, String request) {
        var meta = new ObjectMetaBuilder().withName(name).withNamespace("shop")
                .addToOwnerReferences(new OwnerReferenceBuilder().withKind("Staging").withName("blog-staging")
                        .withUid(ownerUid).build());
        if (request != null) {
            meta.addToLabels(Labels.REQUEST, request);
        }
        return new JobBuilder().withMetadata(meta.build()).withNewStatus().withSucceeded(1).endStatus().build();
    }

    @Test
    void aFinishedJobOfAnotherRequestNeverCounts() {
        Staging staging = StagingSiteDependentTest.staging();
        Job earlier = job("blog-staging-push-r1-abc", "uid-st", "abc");
        assertThat(SyncRequests.find(List.of(earlier), "blog-staging-push-r1-abc", staging, "def"))
                .as("same name, another request").isEmpty();
        assertThat(SyncRequests.find(List.of(earlier), "blog-staging-push-r1-abc", staging, "abc")).contains(earlier);
    }

    @Test
    void aJobLeftByADeletedStagingOfTheSameNameNeverCounts() {
        Staging staging = StagingSiteDependentTest.staging();
        Job old = job("blog-staging-clone", "uid-of-the-deleted-one", null);
        assertThat(SyncRequests.find(List.of(old), "blog-staging-clone", staging, null)).isEmpty();
        Job ours = job("blog-staging-clone", "uid-st", null);
        assertThat(SyncRequests.find(List.of(old, ours), "blog-staging-clone", staging, null)).contains(ours);
    }

    @Test
    void aPushJobCarriesItsRequest() {
        var live = io.wpoven.operator.support.TestSites.site("blog", "blog.example.com");
        var site = StagingSiteDependent.of(StagingSiteDependentTest.staging(), live);
        Job job = StagingJobs.copy("blog-staging-push-r1-abc", "abc", StagingSiteDependentTest.staging(),
                io.wpoven.operator.jobs.ToolPods.Command.PUSH, site, live,
                new io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec(true, false), List.of(), io.wpoven.operator.jobs.ToolJobSettings.image("tool:1"));
        assertThat(job.getMetadata().getLabels()).containsEntry(Labels.REQUEST, "abc");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).as("its pod may reach live's Redis")
                .containsEntry("data.wpoven.io/blog", "true");
        // live's object cache is emptied by the tool once its data was replaced; the password only by reference
        var env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("REDIS_HOST=blog-redis"));
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("REDIS_PASSWORD");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("blog-credentials");
        });
        assertThat(SyncRequests.find(List.of(job), "blog-staging-push-r1-abc", StagingSiteDependentTest.staging(), "abc"))
                .contains(job);
    }
}
