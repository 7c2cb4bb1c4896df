package io.wpoven.operator.site;

import static io.wpoven.operator.status.ConditionTypes.READY;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.wpoven.operator.api.v1alpha1.CachePurgeStatus;
import io.wpoven.operator.api.v1alpha1.MalwareScanStatus;
import io.wpoven.operator.jobs.ScanReport;
import io.wpoven.operator.jobs.ToolResult;
import io.wpoven.operator.malware.MalwareScanEvents;
import io.wpoven.operator.malware.MalwareScanReadback;
import io.wpoven.operator.malware.PodCoreChecks;
import io.wpoven.operator.site.condition.MalwareScanEnabled;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.api.v1alpha1.CredentialRotationStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;
import io.wpoven.operator.cache.CachePurger;
import io.wpoven.operator.cache.VarnishReplicas;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.site.condition.AutoscalingEnabled;
import io.wpoven.operator.site.condition.VarnishReplicated;
import io.wpoven.operator.site.condition.BackupEnabled;
import io.wpoven.operator.site.condition.BasicAuthEnabled;
import io.wpoven.operator.site.condition.CertManagerInstalled;
import io.wpoven.operator.site.condition.CronEnabled;
import io.wpoven.operator.site.condition.GatewayApiInstalled;
import io.wpoven.operator.site.condition.GatewayEnabled;
import io.wpoven.operator.site.condition.IngressEnabled;
import io.wpoven.operator.site.condition.ManagedDatabase;
import io.wpoven.operator.site.condition.ObjectCacheEnabled;
import io.wpoven.operator.site.condition.PrometheusOperatorInstalled;
import io.wpoven.operator.site.condition.ServiceMonitorEnabled;
import io.wpoven.operator.site.condition.SshEnabled;
import io.wpoven.operator.site.condition.TlsEnabled;
import io.wpoven.operator.site.dependent.*;
import io.wpoven.operator.status.ConditionTypes;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;
import io.wpoven.operator.support.CredentialSecrets;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * Wires a site's owned objects as a workflow; reconcile() only reports status and events. The request flow
 * is proxy → Varnish → WordPress (Nginx + PHP-FPM) → Redis and MariaDB; every object is created at once and
 * the pods wait for their upstreams on their own, so a site comes up in one pass.
 */
@ControllerConfiguration(name = WordPressSiteReconciler.NAME,
        // annotation changes (one-click purge) must reach reconcile(), not only spec changes
        generationAwareEventProcessing = false,
        // catches cert-manager being installed later, and anything an informer may have missed
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
// invoked from reconcile(), after the platform's policy (SitePolicy): a refused site gets nothing rolled out
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "credentials", type = SiteSecretDependent.class),
        @Dependent(name = "config", type = SiteConfigMapDependent.class),
        @Dependent(name = "content", type = ContentClaimDependent.class),
        @Dependent(name = "mariadb-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = MariaDbServiceDependent.class, reconcilePrecondition = ManagedDatabase.class),
        @Dependent(name = "mariadb", type = MariaDbStatefulSetDependent.class, reconcilePrecondition = ManagedDatabase.class,
                dependsOn = { "credentials", "config" }),
        @Dependent(name = "mariadb-policy", useEventSourceWithName = WordPressSiteReconciler.NETWORK_POLICIES, type = MariaDbNetworkPolicyDependent.class, reconcilePrecondition = ManagedDatabase.class),
        @Dependent(name = "redis-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = RedisServiceDependent.class, reconcilePrecondition = ObjectCacheEnabled.class),
        @Dependent(name = "redis", useEventSourceWithName = WordPressSiteReconciler.DEPLOYMENTS, type = RedisDeploymentDependent.class, reconcilePrecondition = ObjectCacheEnabled.class,
                dependsOn = { "credentials", "config" }),
        @Dependent(name = "redis-policy", useEventSourceWithName = WordPressSiteReconciler.NETWORK_POLICIES, type = RedisNetworkPolicyDependent.class, reconcilePrecondition = ObjectCacheEnabled.class),
        @Dependent(name = "wordpress-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = WordPressServiceDependent.class),
        @Dependent(name = "wordpress", useEventSourceWithName = WordPressSiteReconciler.DEPLOYMENTS, type = WordPressDeploymentDependent.class,
                dependsOn = { "credentials", "config", "content" }),
        // WordPress installed into a new database before the site reports Ready (the web installer is refused)
        @Dependent(name = "wordpress-install", type = WordPressInstallJobDependent.class,
                dependsOn = { "credentials", "config" }),
        @Dependent(name = "wordpress-autoscaler", type = WordPressAutoscalerDependent.class,
                reconcilePrecondition = AutoscalingEnabled.class, dependsOn = "wordpress"),
        @Dependent(name = "wordpress-pdb", useEventSourceWithName = WordPressSiteReconciler.DISRUPTION_BUDGETS, type = WordPressDisruptionBudgetDependent.class),
        @Dependent(name = "varnish-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = VarnishServiceDependent.class),
        // Varnish and the proxy resolve their upstream's Service name when they start
        @Dependent(name = "varnish", useEventSourceWithName = WordPressSiteReconciler.DEPLOYMENTS, type = VarnishDeploymentDependent.class,
                dependsOn = { "credentials", "config", "wordpress-service" }),
        @Dependent(name = "varnish-pods-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = VarnishPodsServiceDependent.class),
        @Dependent(name = "varnish-pdb", useEventSourceWithName = WordPressSiteReconciler.DISRUPTION_BUDGETS, type = VarnishDisruptionBudgetDependent.class,
                reconcilePrecondition = VarnishReplicated.class),
        @Dependent(name = "varnish-policy", useEventSourceWithName = WordPressSiteReconciler.NETWORK_POLICIES, type = VarnishNetworkPolicyDependent.class),
        @Dependent(name = "proxy-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = ProxyServiceDependent.class),
        @Dependent(name = "proxy", useEventSourceWithName = WordPressSiteReconciler.DEPLOYMENTS, type = ProxyDeploymentDependent.class, dependsOn = { "config", "varnish-service" }),
        @Dependent(name = "service-monitor", type = SiteServiceMonitorDependent.class,
                activationCondition = PrometheusOperatorInstalled.class, reconcilePrecondition = ServiceMonitorEnabled.class),
        @Dependent(name = "ingress", type = SiteIngressDependent.class, reconcilePrecondition = IngressEnabled.class),
        // Gateway API routing (spec.gateway), beside or instead of the Ingress, where the Gateway API CRDs exist
        @Dependent(name = "http-route", type = SiteHttpRouteDependent.class,
                activationCondition = GatewayApiInstalled.class, reconcilePrecondition = GatewayEnabled.class),
        @Dependent(name = "certificate", type = SiteCertificateDependent.class,
                activationCondition = CertManagerInstalled.class, reconcilePrecondition = TlsEnabled.class),
        @Dependent(name = "backup", type = SiteBackupDependent.class, reconcilePrecondition = BackupEnabled.class),
        @Dependent(name = "basic-auth", type = BasicAuthSecretDependent.class, reconcilePrecondition = BasicAuthEnabled.class),
        @Dependent(name = "malware-scan", type = MalwareScanCronJobDependent.class,
                reconcilePrecondition = MalwareScanEnabled.class),
        // wp-cron from a CronJob (spec.wordpress.cron), not page views
        @Dependent(name = "wordpress-cron", type = WordPressCronJobDependent.class, reconcilePrecondition = CronEnabled.class,
                dependsOn = { "credentials", "config", "content" }),
        // SSH and SFTP (spec.access.ssh): a host key made once, the server, its Service and policy
        @Dependent(name = "ssh-host-key", type = SshHostKeySecretDependent.class, reconcilePrecondition = SshEnabled.class),
        @Dependent(name = "ssh-service", useEventSourceWithName = WordPressSiteReconciler.SERVICES, type = SshServiceDependent.class,
                reconcilePrecondition = SshEnabled.class),
        @Dependent(name = "ssh-policy", useEventSourceWithName = WordPressSiteReconciler.NETWORK_POLICIES, type = SshNetworkPolicyDependent.class,
                reconcilePrecondition = SshEnabled.class),
        @Dependent(name = "ssh", useEventSourceWithName = WordPressSiteReconciler.DEPLOYMENTS, type = SshDeploymentDependent.class,
                reconcilePrecondition = SshEnabled.class, dependsOn = { "credentials", "config", "content", "ssh-host-key" }),
})
public class WordPressSiteReconciler implements Reconciler<WordPressSite>, Cleaner<WordPressSite> {
    public static final String NAME = "wordpresssite";
    static final String SCAN_JOBS = "malware-scan-jobs";
    /**
     * One informer per kind that several dependents make (4 Deployments, 6 Services, 3 NetworkPolicies, 2 PodDisruptionBudgets a site): each
     * dependent's own would cache every such object of every site and decode every change again.
     */
    static final String DEPLOYMENTS = "deployments";
    static final String SERVICES = "services";
    static final String NETWORK_POLICIES = "network-policies";
    static final String DISRUPTION_BUDGETS = "disruption-budgets";

    @Inject
    OperatorConfig config;

    private final SiteStatusBuilder statusBuilder = new SiteStatusBuilder(Clock.systemUTC());
    private final CachePurger purger = new CachePurger(Duration.ofSeconds(2), PURGE_BUDGET);
    /** Git deployment (spec.code.git): its refs are resolved off the reconcile thread. */
    private final io.wpoven.operator.code.CodeDeploys codeDeploys = new io.wpoven.operator.code.CodeDeploys();
    /** Scan reports already read, per Job uid: a finished pod's termination message never changes. */
    private final Map<String, Optional<ScanReport>> scanReports = new ConcurrentHashMap<>();
    /** The core of the running WordPress pods, checked after each completed scan run, off the reconcile thread. */
    private final PodCoreChecks podCoreChecks = new PodCoreChecks();

    /** The runs of every site's scan CronJob, mapped to their site by label (a CronJob, not the site, owns them). */
    @Override
    public List<EventSource<?, WordPressSite>> prepareEventSources(EventSourceContext<WordPressSite> context) {
        return List.of(owned(Deployment.class, DEPLOYMENTS, context), owned(Service.class, SERVICES, context),
                owned(NetworkPolicy.class, NETWORK_POLICIES, context), owned(PodDisruptionBudget.class, DISRUPTION_BUDGETS, context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, WordPressSite.class)
                .withNamespacesInheritedFromController()
                .withName(SCAN_JOBS)
                .withLabelSelector(Labels.MALWARE_SCAN + "," + Labels.MANAGED_SELECTOR)
                .withItemStore(new OwnFieldsItemStore<>())
                .withSecondaryToPrimaryMapper(job -> Set.of(new ResourceID(
                        job.getMetadata().getLabels().get(Labels.MALWARE_SCAN), job.getMetadata().getNamespace())))
                .build(), context));
    }

    /** The operator's objects of one kind (its label), each mapped to the site that owns it. */
    private static <R extends HasMetadata> InformerEventSource<R, WordPressSite> owned(Class<R> type, String name,
            EventSourceContext<WordPressSite> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, WordPressSite.class)
                .withNamespacesInheritedFromController()
                .withName(name)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(WordPressSite.class))
                .withItemStore(new OwnFieldsItemStore<>())
                .build(), context);
    }

    @Override
    public UpdateControl<WordPressSite> reconcile(WordPressSite site, Context<WordPressSite> context) {
        Optional<SitePolicy.Refusal> refused = refusal(site, context);
        if (refused.isEmpty() && RetainedCredentials.adopt(site, context)) {
            // the retained Secret now carries this site: apply once the informer has seen it, never a new password
            return UpdateControl.<WordPressSite>noUpdate().rescheduleAfter(1, TimeUnit.SECONDS);
        }
        Optional<CredentialRotationStatus> rotation = refused.isEmpty()
                ? CredentialRotation.step(site, context.getClient(), io.wpoven.operator.jobs.ToolJobSettings.of(config),
                        Clock.systemUTC())
                : Optional.ofNullable(site.getStatus() == null ? null : site.getStatus().getCredentialRotation());
        // a change of WordPress image: checked, and the database upgraded behind a backup, before the pods get it
        Optional<WordPressRuntime.Outcome> runtime = refused.isEmpty()
                ? Optional.of(WordPressRuntime.step(site, context.getClient(), config, Clock.systemUTC()))
                : Optional.empty();
        if (refused.isEmpty()) {
            WordPressSiteStatus observed = site.getStatus();
            if (observed != null && (observed.getWordpress() == null || observed.getWordpress().getImage() == null)
                    && runtime.map(r -> r.status().getImage()).isPresent()) {
                // a status without the image the pods run (lost, or read back stale): the pods are built with the
                // image this pass found them running, never the spec's new one ahead of its database upgrade
                WordPressSiteStatus view = context.getClient().getKubernetesSerialization().clone(observed);
                view.setWordpress(runtime.get().status());
                site.setStatus(view);
            }
            try {
                context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            } finally {
                site.setStatus(observed);
            }
        }
        io.wpoven.operator.code.CodeDeploys.Pass code = refused.isEmpty()
                ? codeDeploys.step(site, context.getClient(), io.wpoven.operator.jobs.ToolJobSettings.of(config))
                : new io.wpoven.operator.code.CodeDeploys.Pass(site.getStatus() == null ? null : site.getStatus().getCode(), 0);
        MalwareScanStatus previousScan = site.getStatus() == null ? null : site.getStatus().getMalwareScan();
        if (previousScan != null) {
            podCoreChecks.forget(site.getMetadata().getNamespace(), previousScan.getLastJob());
        }
        List<Job> runs = scanJobs(site, context);
        MalwareScanStatus scan = MalwareScanReadback.next(previousScan, runs, job -> scanReport(job, context),
                job -> podCoreChecks.forRun(context.getClient(), site, job));
        // a run that completed is read once its pods' core is checked too: come back for it, the check has its deadline
        boolean checkingPods = scan == previousScan && MalwareScanReadback.latestFinished(runs)
                .filter(job -> MalwareScanReadback.isNew(previousScan, job)).isPresent();
        SiteStatusBuilder.Observed observed = observe(site, context, null, scan).refused(refused.orElse(null));
        List<io.fabric8.kubernetes.api.model.Pod> sitePods = refused.isEmpty() && SchedulingProblems.worthLooking(observed)
                ? SchedulingProblems.pods(context.getClient(), site) : List.of();
        WordPressSiteStatus status = statusBuilder.build(site, observed.unschedulable(SchedulingProblems.of(sitePods)));
        status.setCredentialRotation(rotation.orElse(null));
        status.setWordpress(runtime.map(WordPressRuntime.Outcome::status)
                .orElse(site.getStatus() == null ? null : site.getStatus().getWordpress()));
        status.setSsh(refused.isEmpty() ? SshStatusBuilder.build(site, config, deployment(context, Names.ssh(site)),
                OwnedObjects.byName(context, Service.class, Names.ssh(site))) : null);
        status.setCachePurge(site.getStatus() == null ? null : site.getStatus().getCachePurge());
        codeStatus(site, status, code.status());
        gatewayStatus(site, status, context);
        if (scan != null && scan != previousScan) {
            MalwareScanEvents.record(context.getClient(), site, scan);
            if (scan.getQuarantined() != null) {
                // what was served from the quarantined files (or with them) must not stay in the cache
                status.setCachePurge(purge(site, "malware-scan/" + scan.getLastJob(), context));
            }
        }
        Optional<String> purge = CachePurgeRequests.pending(site);
        if (purge.isPresent()) {
            status.setCachePurge(purge(site, purge.get(), context));
        }
        UpdateControl<WordPressSite> update = report(site, status, context);
        if (code.again() > 0 && update.getScheduleDelay().map(ms -> ms > code.again() * 1000).orElse(true)) {
            update = update.rescheduleAfter(code.again(), TimeUnit.SECONDS);
        }
        if (scan != previousScan) {
            // a new scan result may change the WordPress pods' template (the roll after Quarantine): come back with it
            return update.rescheduleAfter(2, TimeUnit.SECONDS);
        }
        if (checkingPods) {
            return update.rescheduleAfter(1, TimeUnit.SECONDS);
        }
        if (SchedulingProblems.undecided(sitePods)) {
            // no event tells the site when the scheduler gives up on a pod: look again for its reason
            return update.rescheduleAfter(3, TimeUnit.SECONDS);
        }
        if (rotation.filter(CredentialRotation::inProgress).isPresent()) {
            return update.rescheduleAfter(3, TimeUnit.SECONDS);
        }
        if (runtime.filter(r -> r.again() > 0).isPresent()) {
            return update.rescheduleAfter(runtime.get().again(), TimeUnit.SECONDS);
        }
        if (refused.filter(r -> CredentialSecrets.REASON.equals(r.reason())).isPresent()) {
            // a Secret's labels change without an event for the site: look again, so a Secret labelled for its use counts
            return update.rescheduleAfter(SECRET_RECHECK_SECONDS, TimeUnit.SECONDS);
        }
        // another site's domains change without an event for this one: look again soon, so a freed domain is taken
        return refused.filter(r -> SitePolicy.REASON_DOMAIN.equals(r.reason())).isPresent()
                ? update.rescheduleAfter(DOMAIN_RECHECK_SECONDS, TimeUnit.SECONDS)
                : update;
    }

    /** The one-click purge, for a request of the site owner's or the operator's own after a quarantine. */
    private CachePurgeStatus purge(WordPressSite site, String request, Context<WordPressSite> context) {
        CachePurgeStatus outcome = new CachePurgeRequests(purger, s -> VarnishReplicas.ready(context.getClient(), s))
                .purge(site, request, OwnedObjects.byName(context, Secret.class, Names.secret(site)));
        if (CachePurgeRequests.SUCCEEDED.equals(outcome.getOutcome())) {
            EventRecorder.normal(context.getClient(), site, "CachePurged", outcome.getMessage());
        } else {
            EventRecorder.warning(context.getClient(), site, "CachePurgeFailed", outcome.getMessage());
        }
        return outcome;
    }

    private static List<Job> scanJobs(WordPressSite site, Context<WordPressSite> context) {
        return context.eventSourceRetriever().getEventSourceFor(Job.class, SCAN_JOBS).getSecondaryResources(site).stream()
                .filter(j -> j.getMetadata().getLabels() != null
                        && site.getMetadata().getName().equals(j.getMetadata().getLabels().get(Labels.MALWARE_SCAN)))
                .toList();
    }

    /** A finished scan Job's report, read once from its pod's termination message. */
    private Optional<ScanReport> scanReport(Job job, Context<WordPressSite> context) {
        return scanReports.computeIfAbsent(job.getMetadata().getUid(),
                uid -> ToolResult.terminationMessage(context.getClient(), job).flatMap(ScanReport::parse));
    }

    /** status.code and its CodeDeployed condition (kept out of the component conditions SiteStatusBuilder makes). */
    private static void codeStatus(WordPressSite site, WordPressSiteStatus status, io.wpoven.operator.api.v1alpha1.CodeStatus code) {
        status.setCode(code);
        status.setConditions(io.wpoven.operator.code.CodeDeploys.withCondition(status.getConditions(),
                site.getStatus() == null ? null : site.getStatus().getConditions(), site.getMetadata().getGeneration(),
                Clock.systemUTC(), code));
    }

    /** GatewayRouteReady (spec.gateway), kept out of the component conditions SiteStatusBuilder makes. */
    private static void gatewayStatus(WordPressSite site, WordPressSiteStatus status, Context<WordPressSite> context) {
        status.setConditions(GatewayRouteStatus.withCondition(site, status.getConditions(),
                site.getStatus() == null ? null : site.getStatus().getConditions(), Clock.systemUTC(),
                GatewayRouteStatus.observe(context.getClient(), OwnedObjects.byName(context, HTTPRoute.class, Names.httpRoute(site)))));
    }

    static final long DOMAIN_RECHECK_SECONDS = 5;
    static final long SECRET_RECHECK_SECONDS = 10;
    /** The longest a one-click purge holds the reconcile thread, all domains together. */
    static final Duration PURGE_BUDGET = Duration.ofSeconds(4);

    /**
     * deletionPolicy Retain keeps the credentials Secret with the volumes, so a site created again under the same
     * name opens its kept database with the kept passwords (the Secret is adopted then, {@link RetainedCredentials}).
     */
    @Override
    public DeleteControl cleanup(WordPressSite site, Context<WordPressSite> context) {
        if (site.getSpec().getDeletionPolicy() != WordPressSiteSpec.DeletionPolicy.Delete) {
            RetainedCredentials.orphan(site, context.getClient());
        }
        MatchMemo.forget(site);
        codeDeploys.forget(site);
        return DeleteControl.defaultDelete();
    }

    /** The platform's policy, then the Secrets the spec names: the first reason not to apply the site. */
    private Optional<SitePolicy.Refusal> refusal(WordPressSite site, Context<WordPressSite> context) {
        Optional<SitePolicy.Refusal> refused = SitePolicy.check(site, config, context.getPrimaryCache().list().toList());
        var external = site.getSpec().getDatabase().getExternal();
        if (refused.isEmpty() && external != null && external.getCredentialsSecret() != null) {
            refused = secretRefusal(site, context, external.getCredentialsSecret().getName(), CredentialSecrets.DATABASE,
                    "spec.database.external.credentialsSecret");
        }
        var sshKeys = SshSpec.on(site.getSpec().getAccess()) ? site.getSpec().getAccess().getSsh().getAuthorizedKeysSecret() : null;
        if (refused.isEmpty() && sshKeys != null) {
            refused = secretRefusal(site, context, sshKeys.getName(), CredentialSecrets.SSH,
                    "spec.access.ssh.authorizedKeysSecret");
        }
        if (refused.isEmpty()) {
            refused = CredentialSecrets.pullSecretsRefusal(context.getClient(), site).map(m -> new SitePolicy.Refusal(
                    CredentialSecrets.REASON, m + "; nothing of this generation is applied"));
        }
        return refused;
    }

    private static Optional<SitePolicy.Refusal> secretRefusal(WordPressSite site, Context<WordPressSite> context,
            String secret, String purpose, String field) {
        return CredentialSecrets.refusal(context.getClient(), site.getMetadata().getNamespace(), secret, purpose, field)
                .map(m -> new SitePolicy.Refusal(CredentialSecrets.REASON, m + "; nothing of this generation is applied"));
    }

    @Override
    public ErrorStatusUpdateControl<WordPressSite> updateErrorStatus(WordPressSite site, Context<WordPressSite> context,
            Exception e) {
        String message = rootMessage(e);
        WordPressSiteStatus status = statusBuilder.build(site, observe(site, context, message,
                site.getStatus() == null ? null : site.getStatus().getMalwareScan()));
        status.setCachePurge(site.getStatus() == null ? null : site.getStatus().getCachePurge());
        status.setCredentialRotation(site.getStatus() == null ? null : site.getStatus().getCredentialRotation());
        status.setSsh(site.getStatus() == null ? null : site.getStatus().getSsh());
        codeStatus(site, status, site.getStatus() == null ? null : site.getStatus().getCode());
        gatewayStatus(site, status, context);
        status.setWordpress(site.getStatus() == null ? null : site.getStatus().getWordpress());
        if (status.equals(site.getStatus())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        EventRecorder.warning(context.getClient(), site, "ReconcileFailed", message);
        site.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(site);
    }

    private SiteStatusBuilder.Observed observe(WordPressSite site, Context<WordPressSite> context, String error,
            MalwareScanStatus malwareScan) {
        boolean certManager = CertManagerInstalled.check(context.getClient());
        SiteIssuer issuer = certManager && TlsEnabled.holds(site) ? SiteIssuer.of(site, config) : null;
        return new SiteStatusBuilder.Observed(
                deployment(context, Names.proxy(site)),
                deployment(context, Names.varnish(site)),
                deployment(context, Names.wordpress(site)),
                deployment(context, Names.redis(site)),
                OwnedObjects.byName(context, StatefulSet.class, Names.mariadb(site)),
                OwnedObjects.byName(context, Job.class, Names.installJob(site)),
                certManager,
                certManager ? OwnedObjects.byName(context, Certificate.class, Names.tls(site)) : Optional.empty(),
                error, malwareScan,
                OwnedObjects.byName(context, Ingress.class, Names.ingress(site)),
                issuer != null && issuer.missingIn(context.getClient()) ? issuer : null, null);
    }

    private static Optional<Deployment> deployment(Context<WordPressSite> context, String name) {
        return OwnedObjects.byName(context, Deployment.class, name);
    }

    /** A missing issuer is created without an event the site hears of: look again this often. */
    static final Duration ISSUER_RECHECK = Duration.ofSeconds(30);

    private UpdateControl<WordPressSite> report(WordPressSite site, WordPressSiteStatus status, Context<WordPressSite> context) {
        WordPressSiteStatus previous = site.getStatus();
        UpdateControl<WordPressSite> control;
        if (status.equals(previous)) {
            control = UpdateControl.noUpdate();
        } else {
            recordEvents(site, previous, status, context);
            site.setStatus(status);
            control = UpdateControl.patchStatus(site);
        }
        boolean issuerMissing = status.getConditions().stream().anyMatch(c -> ConditionTypes.TLS_READY.equals(c.getType())
                && ConditionTypes.REASON_ISSUER_NOT_FOUND.equals(c.getReason()));
        return issuerMissing ? control.rescheduleAfter(ISSUER_RECHECK) : control;
    }

    private static void recordEvents(WordPressSite site, WordPressSiteStatus previous, WordPressSiteStatus status,
            Context<WordPressSite> context) {
        var client = context.getClient();
        if (previous == null || previous.getObservedGeneration() == null) {
            EventRecorder.normal(client, site, "Created", "Creating the site's stack for " + String.join(", ", site.getSpec().getDomains()));
        } else if (!previous.getObservedGeneration().equals(status.getObservedGeneration())) {
            EventRecorder.normal(client, site, "Updated", "Applying generation " + status.getObservedGeneration());
        }
        String reasonBefore = previous == null ? null : previous.getConditions().stream().filter(c -> c.getType().equals(READY))
                .findFirst().map(c -> c.getReason()).orElse(null);
        status.getConditions().stream().filter(c -> c.getType().equals(READY) && SiteStatusBuilder.isRefusal(c.getReason())
                && !c.getReason().equals(reasonBefore)).findFirst()
                .ifPresent(c -> EventRecorder.warning(client, site, c.getReason(), c.getMessage()));
        GatewayRouteStatus.recordEvents(client, site, previous == null ? null : previous.getConditions(), status.getConditions());
        boolean wasReady = previous != null && ConditionsBuilder.isTrue(previous.getConditions(), READY);
        boolean isReady = ConditionsBuilder.isTrue(status.getConditions(), READY);
        if (isReady && !wasReady) {
            EventRecorder.normal(client, site, "Ready", "The site is serving at " + status.getUrl());
        } else if (wasReady && !isReady) {
            String why = status.getConditions().stream().filter(c -> c.getType().equals(READY)).findFirst()
                    .map(c -> c.getMessage()).orElse("");
            EventRecorder.warning(client, site, "NotReady", why);
        }
    }

    /** A short, stable message: which owned object failed and what the API server said about it. */
    public static String rootMessage(Exception e) {
        Throwable t = e;
        while (!(t instanceof AggregatedOperatorException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof AggregatedOperatorException agg && !agg.getAggregatedExceptions().isEmpty()) {
            return agg.getAggregatedExceptions().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .map(x -> x.getKey() + ": " + concise(x.getValue()))
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        return concise(e);
    }

    private static String concise(Throwable e) {
        Throwable t = e;
        while (!(t instanceof KubernetesClientException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

}
