package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.AccessSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.MalwareScanSpec;
import io.wpoven.operator.api.v1alpha1.spec.PlacementSpec;
import io.wpoven.operator.api.v1alpha1.spec.PvcStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.SiteRefSpec;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;
import io.wpoven.operator.backup.BackupJobs;
import io.wpoven.operator.backup.dependent.BackupCronJobDependent;
import io.wpoven.operator.jobs.ToolJobSettings;
import io.wpoven.operator.jobs.ToolPods;
import io.wpoven.operator.malware.MalwareScanJobs;
import io.wpoven.operator.site.WordPressSiteReconciler;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.PodSecurity;
import io.wpoven.operator.support.TestSites;

/**
 * spec.placement reaches every pod of the site and of its Jobs: every workload the site's workflow declares (found
 * from its @Workflow, so a new dependent is checked without being listed here), every tool Job, and no pod template
 * is built anywhere but in the two places that apply it.
 */
class PlacementTest {

    static PlacementSpec pool() {
        PlacementSpec placement = new PlacementSpec();
        placement.setNodeSelector(Map.of("wpoven.io/pool", "premium"));
        placement.setTolerations(List.of(new TolerationBuilder().withKey("wpoven.io/pool").withOperator("Equal")
                .withValue("premium").withEffect("NoSchedule").build()));
        placement.setAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("topology.kubernetes.io/zone").withOperator("In")
                .withValues("eu-1a", "eu-1b").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        placement.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway").build()));
        placement.setPriorityClassName("wpoven-premium");
        return placement;
    }

    /** A site with every optional workload on (managed database, Redis, SSH, cron, malware scan) and the pool. */
    static WordPressSite placedSite() {
        WordPressSite site = TestSites.withMalwareScan(site("blog", "blog.example.com"), MalwareScanSpec.Action.Report);
        SshSpec ssh = new SshSpec();
        ssh.setEnabled(true);
        ssh.setAuthorizedKeys(List.of(SshTest.KEY));
        AccessSpec access = new AccessSpec();
        access.setSsh(ssh);
        site.getSpec().setAccess(access);
        site.getSpec().setPlacement(pool());
        return site;
    }

    static void assertPlaced(String what, PodSpec pod) {
        assertThat(pod.getNodeSelector()).as(what + " nodeSelector").containsEntry("wpoven.io/pool", "premium");
        assertThat(pod.getTolerations()).as(what + " tolerations")
                .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("wpoven.io/pool"));
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()).as(what + " node affinity").hasSize(1);
        assertThat(pod.getTopologySpreadConstraints()).as(what + " topology spread").singleElement().satisfies(c -> {
            assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(c.getLabelSelector().getMatchLabels()).as(what + ": its own component's pods")
                    .containsEntry("app.kubernetes.io/instance", "blog").containsKey("app.kubernetes.io/component");
        });
        assertThat(pod.getPriorityClassName()).as(what + " priority class").isEqualTo("wpoven-premium");
        assertThat(pod.getSecurityContext()).as(what + ": placement never touches security")
                .isEqualTo(PodSecurity.pod(pod.getSecurityContext().getRunAsUser()));
        assertThat(pod.getAutomountServiceAccountToken()).as(what).isFalse();
    }

    /** Each workload dependent of the site's @Workflow, by name, with its pod template. */
    static Map<String, PodTemplateSpec> workflowPodTemplates(WordPressSite site) throws Exception {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        Workflow workflow = WordPressSiteReconciler.class.getAnnotation(Workflow.class);
        for (var declared : workflow.dependents()) {
            var constructor = declared.type().getDeclaredConstructor();
            constructor.setAccessible(true);
            DependentResource<?, ?> dependent = constructor.newInstance();
            Class<?> type = dependent.resourceType();
            if (!List.of(Deployment.class, StatefulSet.class, Job.class, CronJob.class).contains(type)) {
                continue;
            }
            inject(dependent, TestSites.config());
            Object desired = desired(dependent).invoke(dependent, site, null);
            PodTemplateSpec template;
            if (desired instanceof Deployment d) {
                template = d.getSpec().getTemplate();
            } else if (desired instanceof StatefulSet s) {
                template = s.getSpec().getTemplate();
            } else if (desired instanceof Job j) {
                template = j.getSpec().getTemplate();
            } else {
                template = ((CronJob) desired).getSpec().getJobTemplate().getSpec().getTemplate();
            }
            templates.put(declared.name(), template);
        }
        return templates;
    }

    private static void inject(Object dependent, OperatorConfig config) throws IllegalAccessException {
        for (Class<?> c = dependent.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == OperatorConfig.class) {
                    f.setAccessible(true);
                    f.set(dependent, config);
                }
            }
        }
    }

    private static Method desired(Object dependent) {
        for (Class<?> c = dependent.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("desired") && m.getParameterCount() == 2
                        && m.getParameterTypes()[0] == WordPressSite.class) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        throw new AssertionError(dependent.getClass() + " has no desired(site, context)");
    }

    @Test
    void everyWorkloadOfTheSitesWorkflowRunsInThePool() throws Exception {
        Map<String, PodTemplateSpec> templates = workflowPodTemplates(placedSite());
        assertThat(templates).as("the workloads found in the workflow").containsKeys("mariadb", "redis", "wordpress",
                "wordpress-install", "varnish", "proxy", "malware-scan", "wordpress-cron", "ssh");
        templates.forEach((name, t) -> assertPlaced(name, t.getSpec()));
    }

    @Test
    void everyToolJobRunsInThePool() {
        WordPressSite site = placedSite();
        ToolJobSettings tool = ToolJobSettings.image("tool:1");
        Backup backup = new Backup();
        backup.setMetadata(new ObjectMetaBuilder().withName("b").withNamespace("shop").withUid("uid-b").build());
        BackupSpec spec = new BackupSpec();
        SiteRefSpec ref = new SiteRefSpec();
        ref.setName("blog");
        spec.setSiteRef(ref);
        BackupStorageSpec storage = new BackupStorageSpec();
        PvcStorageSpec pvc = new PvcStorageSpec();
        pvc.setClaimName("backups");
        storage.setPersistentVolumeClaim(pvc);
        spec.setStorage(storage);
        spec.setInclude(new BackupContentSpec(true, true));
        spec.setSchedule("@daily");
        backup.setSpec(spec);

        assertPlaced("backup run", BackupJobs.run(backup, site, tool).getTemplate().getSpec());
        assertPlaced("backup cleanup", BackupJobs.cleanup(backup, site, tool).getTemplate().getSpec());
        assertPlaced("scheduled backup", BackupCronJobDependent.cronJob(backup, site, tool).getSpec().getJobTemplate()
                .getSpec().getTemplate().getSpec());
        assertPlaced("malware scan", MalwareScanJobs.run(site, tool, "wordpress:6").getTemplate().getSpec());
        for (String mode : List.of(WordPressRuntimeJobs.CHECK, WordPressRuntimeJobs.UPGRADE)) {
            assertPlaced("wordpress " + mode, WordPressRuntimeJobs.job(site, mode, "j", "wordpress:6", "wordpress:6@2026-12-07T00:00:00Z",
                    Optional.empty())
                    .getSpec().getTemplate().getSpec());
        }
        // restores, imports, staging copies, code deploys and password rotations: each a ToolPods.builder of its command
        for (ToolPods.Command command : ToolPods.Command.values()) {
            assertPlaced("tool " + command, ToolPods.builder(tool, command, site, Map.of()).files("FILES_DIR", site, false)
                    .jobSpec(60).getTemplate().getSpec());
        }
    }

    @Test
    void aToolJobKeepsItsWayToTheSitesNodeBesideThePoolsAffinity() {
        WordPressSite site = placedSite();
        site.getSpec().getPlacement().setAffinity(new AffinityBuilder(site.getSpec().getPlacement().getAffinity())
                .withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(10)
                .withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname").withNewLabelSelector()
                .addToMatchLabels("noisy", "true").endLabelSelector().endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build());
        var siteAffinity = new AffinityBuilder(site.getSpec().getPlacement().getAffinity()).build();

        PodSpec pod = ToolPods.builder(ToolJobSettings.image("tool:1"), ToolPods.Command.BACKUP, site, Map.of())
                .files("FILES_DIR", site, true).podTemplate().getSpec();

        assertThat(pod.getAffinity().getNodeAffinity()).isEqualTo(siteAffinity.getNodeAffinity());
        assertThat(pod.getAffinity().getPodAntiAffinity()).isEqualTo(siteAffinity.getPodAntiAffinity());
        assertThat(pod.getAffinity().getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .as("the ReadWriteOnce claim's node: beside the site's WordPress pods").singleElement()
                .satisfies(t -> assertThat(t.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", "wordpress"));
        assertThat(site.getSpec().getPlacement().getAffinity()).as("the site's spec is not changed").isEqualTo(siteAffinity);
    }

    @Test
    void aSpreadConstraintWithItsOwnSelectorKeepsIt() {
        WordPressSite site = placedSite();
        site.getSpec().getPlacement().setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder()
                .withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule")
                .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/instance", "blog").endLabelSelector().build()));
        PodSpec pod = Dependents.wordpress(site).getSpec().getTemplate().getSpec();
        assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(c -> assertThat(
                c.getLabelSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/instance", "blog")));
    }

    @Test
    void withoutPlacementThePodsGoWhereTheSchedulerPutsThem() throws Exception {
        WordPressSite site = placedSite();
        site.getSpec().setPlacement(null);
        workflowPodTemplates(site).forEach((name, t) -> {
            assertThat(t.getSpec().getNodeSelector()).as(name).isNullOrEmpty();
            assertThat(t.getSpec().getTolerations()).as(name).isNullOrEmpty();
            assertThat(t.getSpec().getTopologySpreadConstraints()).as(name).isNullOrEmpty();
            assertThat(t.getSpec().getPriorityClassName()).as(name).isNull();
        });
        assertThat(Dependents.wordpress(site).getSpec().getTemplate().getSpec().getAffinity()).isNull();
    }

    /**
     * Pod templates are built in two places only, Pods.template (the site's workloads) and ToolPods (the tool's Jobs),
     * and both apply the placement: a new builder that makes its own pod template fails here.
     */
    @Test
    void podTemplatesAreBuiltOnlyWhereThePlacementIsApplied() throws IOException {
        Path main = Path.of("src", "main", "java");
        List<String> builders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (Stream.of("PodTemplateSpecBuilder(", "new PodTemplateSpec(", "withNewTemplate(", "new PodBuilder(",
                        "new PodSpec(", "editTemplate(", "editOrNewTemplate(").anyMatch(source::contains)) {
                    builders.add(file.getFileName().toString());
                    assertThat(source).as(file + " builds a pod template: it must apply SitePlacement")
                            .contains("SitePlacement.apply(");
                }
            }
        }
        assertThat(builders).containsExactlyInAnyOrder("Pods.java", "ToolPods.java");
    }
}
