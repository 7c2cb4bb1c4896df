package io.wpoven.operator.code;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.wpoven.operator.api.v1alpha1.CachePurgeStatus;
import io.wpoven.operator.api.v1alpha1.CodeStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.api.v1alpha1.spec.CodeSpec;
import io.wpoven.operator.api.v1alpha1.spec.GitCodeSpec;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.site.CachePurgeRequests;
import io.wpoven.operator.site.Quiesce;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.RestrictedProfile;

/** The steps of a Git deploy: objects in (Jobs, the site's fence and purge answer), decisions out (status, Jobs). */
@EnableKubernetesMockClient(crud = true)
class CodeDeploysTest {
    static KubernetesClient client;
    static final String V1 = "1111111111111111111111111111111111111111";
    static final String V2 = "2222222222222222222222222222222222222222";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final ToolJobSettings TOOL = ToolJobSettings.image("wpoven/tool:test");

    WordPressSite blog;
    CodeStatus s;

    @BeforeEach
    void setUp() {
        blog = site("blog", "blog.example.com");
        GitCodeSpec git = new GitCodeSpec();
        git.setRepository("https://git.example.com/acme/theme.git");
        git.setRef("main");
        git.setPath("themes/acme");
        git.setPollIntervalSeconds(60);
        git.setKeepReleases(3);
        CodeSpec code = new CodeSpec();
        code.setGit(git);
        blog.getSpec().setCode(code);
        blog.setStatus(new WordPressSiteStatus());
        s = new CodeStatus();
        s.setCommit(V1);
        s.setSource("themes/acme");
        s.setRef("main");
        s.setDeployments(1L);
        client.resource(blog).create();
    }

    @AfterEach
    void tearDown() {
        client.batch().v1().jobs().inNamespace("shop").delete();
        client.resources(WordPressSite.class).inNamespace("shop").delete();
    }

    CodeDeploys.Run run(Instant now) {
        return new CodeDeploys.Run(blog, blog.getSpec().getCode().getGit(), client, TOOL, s,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    long advance(Instant now) {
        CodeDeploys.Run run = run(now);
        return CodeDeploys.PROCEDURE.advance(run, run, Clock.fixed(now, ZoneOffset.UTC));
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace("shop").list().getItems();
    }

    void finish(String name, String type) {
        Job job = client.batch().v1().jobs().inNamespace("shop").withName(name).get();
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(type).withStatus("True")
                .build()).build());
        client.resource(job).updateStatus();
    }

    @Test
    void theSameCommitServingIsDeployedAndANewOneStartsADeploy() {
        assertThat(run(T0).decide(Optional.of(GitRemote.Resolution.of(V1)))).isFalse();
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_DEPLOYED);
        assertThat(s.getMessage()).contains(V1).contains("themes/acme");

        assertThat(run(T0).decide(Optional.of(GitRemote.Resolution.of(V2)))).isTrue();
        assertThat(s.getTarget()).isEqualTo(V2);
        assertThat(s.getDeployments()).isEqualTo(2L);
        assertThat(s.getCommit()).as("still the old one until switched").isEqualTo(V1);
    }

    @Test
    void aBadRefIsReportedAndTheLastGoodCommitKeepsServing() {
        assertThat(run(T0).decide(Optional.of(new GitRemote.Resolution(null, GitRemote.REF_NOT_FOUND,
                "spec.code.git.ref nope is not a branch or tag")))).isFalse();
        assertThat(s.getReason()).isEqualTo(GitRemote.REF_NOT_FOUND);
        assertThat(s.getMessage()).contains("nope").contains("commit " + V1 + " still serves");
        assertThat(s.getCommit()).isEqualTo(V1);
        assertThat(jobs()).isEmpty();
    }

    @Test
    void aDeployRunsItsJobThenSwitchesThenPurgesAndAKilledOperatorResumesFromStatus() {
        run(T0).decide(Optional.of(GitRemote.Resolution.of(V2)));
        assertThat(advance(T0)).isPositive();
        assertThat(s.getPhase()).isEqualTo(CodeDeploys.DEPLOYING);
        String name = Names.codeJob(blog, V2, 2);
        assertThat(jobs()).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getName()).isEqualTo(name);
            assertThat(job.getMetadata().getLabels()).containsEntry(Labels.CODE_DEPLOY, "blog");
            var env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
            assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("GIT_COMMIT=" + V2));
            assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("CODE_PATH=themes/acme"));
            assertThat(RestrictedProfile.violations(job.getSpec().getTemplate().getSpec())).isEmpty();
        });

        // a pass after a restart reads the same Job back: no second one
        advance(T0.plusSeconds(5));
        assertThat(jobs()).hasSize(1);
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_DEPLOYING);

        finish(name, "Complete");
        advance(T0.plusSeconds(10));
        assertThat(s.getCommit()).isEqualTo(V2);
        assertThat(s.getPreviousCommit()).isEqualTo(V1);
        assertThat(s.getPhase()).isEqualTo(CodeDeploys.PURGING);
        assertThat(purgeAnnotation()).as("not before PHP can see the new files").isNull();

        advance(T0.plusSeconds(10 + CodeDeploys.SETTLE_SECONDS));
        String request = purgeAnnotation();
        assertThat(request).startsWith("code-222222222222-");

        blog.getStatus().setCachePurge(new CachePurgeStatus(request, CachePurgeRequests.SUCCEEDED, "emptied", T0.toString()));
        advance(T0.plusSeconds(15));
        assertThat(s.getPhase()).isNull();
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_DEPLOYED);
        assertThat(s.getMessage()).contains(V2);
        assertThat(s.getDeployTime()).isEqualTo(T0.plusSeconds(10).toString());
    }

    @Test
    void aFailedCheckoutKeepsTheOldCommitAndIsNotRetriedUntilTheRefMoves() {
        run(T0).decide(Optional.of(GitRemote.Resolution.of(V2)));
        advance(T0);
        finish(Names.codeJob(blog, V2, 2), "Failed");
        advance(T0.plusSeconds(5));
        assertThat(s.getPhase()).isNull();
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_CHECKOUT_FAILED);
        assertThat(s.getMessage()).contains(V2).contains("commit " + V1 + " still serves");
        assertThat(s.getCommit()).isEqualTo(V1);
        assertThat(s.getFailedCommit()).isEqualTo(V2);

        assertThat(run(T0.plusSeconds(60)).decide(Optional.of(GitRemote.Resolution.of(V2)))).as("same commit").isFalse();
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_CHECKOUT_FAILED);
        assertThat(run(T0.plusSeconds(60)).decide(Optional.of(GitRemote.Resolution.of(V1)))).as("rolled back").isFalse();
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_DEPLOYED);
    }

    @Test
    void noDeployJobStartsWhileTheSiteIsFencedOrAnotherDeployJobRuns() {
        Map<String, String> annotations = new HashMap<>(Map.of(Quiesce.ANNOTATION, "Restore/r/uid-r"));
        blog.getMetadata().setAnnotations(annotations);
        run(T0).decide(Optional.of(GitRemote.Resolution.of(V2)));
        advance(T0);
        assertThat(jobs()).isEmpty();
        assertThat(s.getReason()).isEqualTo(CodeDeploys.REASON_SITE_BUSY);
        assertThat(s.getMessage()).contains("Restore/r/uid-r");

        blog.getMetadata().setAnnotations(null);
        client.resource(CodeJobs.deploy(blog, blog.getSpec().getCode().getGit(), V1, 1, TOOL)).create();
        advance(T0.plusSeconds(5));
        assertThat(jobs()).as("one writer at a time").hasSize(1);
        assertThat(s.getMessage()).contains(Names.codeJob(blog, V1, 1));

        finish(Names.codeJob(blog, V1, 1), "Complete");
        advance(T0.plusSeconds(10));
        assertThat(jobs()).extracting(j -> j.getMetadata().getName()).contains(Names.codeJob(blog, V2, 2));
    }

    @Test
    void credentialsComeOnlyFromALabelledSecretAndOnlyByReference() {
        blog.getSpec().getCode().getGit().setCredentialsSecret(new GitCodeSpec.SecretRef("theme-token"));
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("theme-token")
                .withNamespace("shop").endMetadata().addToStringData("password", "s3cret").build()).create();
        RefPoller poller = new RefPoller(1, 1, Clock.systemUTC());
        run(T0).pass(poller);
        assertThat(s.getReason()).isEqualTo("SecretNotAllowed");
        assertThat(s.getMessage()).contains("spec.code.git.credentialsSecret").contains("wpoven.io/credentials=git")
                .contains("commit " + V1 + " still serves");
        assertThat(jobs()).isEmpty();

        Job job = CodeJobs.deploy(blog, blog.getSpec().getCode().getGit(), V2, 2, TOOL);
        var env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getName().startsWith("GIT_USERNAME") || e.getName().startsWith("GIT_PASSWORD"))
                .hasSize(2).allSatisfy(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("theme-token");
                });
        assertThat(job.toString()).doesNotContain("s3cret");
    }

    private String purgeAnnotation() {
        var annotations = client.resources(WordPressSite.class).inNamespace("shop").withName("blog").get().getMetadata()
                .getAnnotations();
        return annotations == null ? null : annotations.get(CachePurgeRequests.ANNOTATION);
    }
}
