package io.wpoven.operator.site;

import static io.wpoven.operator.status.ConditionTypes.*;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wpoven.operator.api.v1alpha1.AdminLoginStatus;
import io.wpoven.operator.api.v1alpha1.MalwareScanStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.api.v1alpha1.spec.VolumeSpec;
import io.wpoven.operator.malware.MalwareScanReadback;
import io.wpoven.operator.site.condition.AutoscalingEnabled;
import io.wpoven.operator.site.condition.MalwareScanEnabled;
import io.wpoven.operator.site.condition.ObjectCacheEnabled;
import io.wpoven.operator.site.dependent.SiteSecretDependent;
import io.wpoven.operator.site.dependent.WordPressInstallEnv;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;

/** Computes a site's status from what its children report. Pure: objects in, status out. */
public final class SiteStatusBuilder {

    /** What the children of one site report, as the reconciler found them in its informers' caches. */
    public record Observed(Optional<Deployment> proxy, Optional<Deployment> varnish, Optional<Deployment> wordpress,
            Optional<Deployment> redis, Optional<StatefulSet> mariadb, Optional<Job> install, boolean certManagerInstalled,
            Optional<Certificate> certificate, String reconcileError, MalwareScanStatus malwareScan,
            Optional<Ingress> ingress, SiteIssuer missingIssuer, SitePolicy.Refusal refusal, String unschedulable) {

        /** Without pods the scheduler could not place. */
        public Observed(Optional<Deployment> proxy, Optional<Deployment> varnish, Optional<Deployment> wordpress,
                Optional<Deployment> redis, Optional<StatefulSet> mariadb, Optional<Job> install, boolean certManagerInstalled,
                Optional<Certificate> certificate, String reconcileError, MalwareScanStatus malwareScan,
                Optional<Ingress> ingress, SiteIssuer missingIssuer, SitePolicy.Refusal refusal) {
            this(proxy, varnish, wordpress, redis, mariadb, install, certManagerInstalled, certificate, reconcileError,
                    malwareScan, ingress, missingIssuer, refusal, null);
        }

        /** Without an Ingress (none yet, or disabled), with the issuer found (or not looked up), no scan, not refused. */
        public Observed(Optional<Deployment> proxy, Optional<Deployment> varnish, Optional<Deployment> wordpress,
                Optional<Deployment> redis, Optional<StatefulSet> mariadb, Optional<Job> install,
                boolean certManagerInstalled, Optional<Certificate> certificate, String reconcileError) {
            this(proxy, varnish, wordpress, redis, mariadb, install, certManagerInstalled, certificate, reconcileError,
                    null, Optional.empty(), null, null, null);
        }

        /** The same, with the last malware scan's result. */
        public Observed scanned(MalwareScanStatus scan) {
            return new Observed(proxy, varnish, wordpress, redis, mariadb, install, certManagerInstalled, certificate,
                    reconcileError, scan, ingress, missingIssuer, refusal, unschedulable);
        }

        /** The same, with the site's Ingress and the issuer its Certificate names when that is missing (or null). */
        public Observed exposed(Optional<Ingress> siteIngress, SiteIssuer missing) {
            return new Observed(proxy, varnish, wordpress, redis, mariadb, install, certManagerInstalled, certificate,
                    reconcileError, malwareScan, siteIngress, missing, refusal, unschedulable);
        }

        /** The same, with the reason the site's spec was not applied (SitePolicy), or null. */
        public Observed refused(SitePolicy.Refusal why) {
            return new Observed(proxy, varnish, wordpress, redis, mariadb, install, certManagerInstalled, certificate,
                    reconcileError, malwareScan, ingress, missingIssuer, why, unschedulable);
        }

        /** The same, with what the scheduler says of the site's pods it cannot place (SchedulingProblems), or null. */
        public Observed unschedulable(String why) {
            return new Observed(proxy, varnish, wordpress, redis, mariadb, install, certManagerInstalled, certificate,
                    reconcileError, malwareScan, ingress, missingIssuer, refusal, why);
        }
    }

    /** Ready reasons that say the spec was refused, not applied. */
    public static boolean isRefusal(String reason) {
        return java.util.Set.of(SitePolicy.REASON_IMAGE, SitePolicy.REASON_ISSUER, SitePolicy.REASON_DOMAIN,
                SitePolicy.REASON_PHP_VERSION, SitePolicy.REASON_PRIORITY_CLASS,
                io.wpoven.operator.support.CredentialSecrets.REASON).contains(reason);
    }

    private final Clock clock;

    public SiteStatusBuilder(Clock clock) {
        this.clock = clock;
    }

    public WordPressSiteStatus build(WordPressSite site, Observed o) {
        WordPressSiteSpec spec = site.getSpec();
        WordPressSiteStatus previous = site.getStatus();
        long generation = Optional.ofNullable(site.getMetadata().getGeneration()).orElse(0L);
        ConditionsBuilder c = new ConditionsBuilder(previous == null ? null : previous.getConditions(), generation, clock);
        List<String> notReady = new ArrayList<>();
        List<String> rolling = new ArrayList<>();

        // Database
        if (spec.getDatabase().getExternal() != null) {
            c.add(DATABASE_READY, true, REASON_EXTERNAL, "Using the external database at "
                    + spec.getDatabase().getExternal().getHost() + ":" + spec.getDatabase().getExternal().getPort());
        } else {
            Part db = statefulSet("MariaDB", o.mariadb());
            c.add(DATABASE_READY, db.ready, db.reason, db.message);
            track(db, DATABASE_READY, notReady, rolling);
        }

        // Caches: Varnish, and Redis when enabled
        Part varnish = deployment("Varnish", o.varnish(), 1);
        Part cache = ObjectCacheEnabled.holds(site)
                ? varnish.and(deployment("Redis", o.redis(), 1))
                : varnish;
        c.add(CACHE_READY, cache.ready, cache.reason, cache.message);
        track(cache, CACHE_READY, notReady, rolling);

        // Web: the front proxy and the WordPress pods
        int wantWeb = o.wordpress().map(d -> d.getSpec().getReplicas()).filter(r -> r != null)
                .orElse(spec.getReplicas());
        Part web;
        if (Quiesce.active(site)) {
            web = new Part(false, false, REASON_QUIESCED, "Quiesced by " + Quiesce.by(site).get()
                    + ": WordPress is stopped while its data is replaced; Varnish serves cached pages");
        } else if (wantWeb == 0 && !AutoscalingEnabled.holds(site)) {
            web = new Part(false, false, REASON_SCALED_TO_ZERO, "spec.replicas is 0: the site is not serving");
        } else {
            web = deployment("Proxy", o.proxy(), spec.getWeb().getProxyReplicas())
                    .and(deployment("WordPress", o.wordpress(), wantWeb))
                    .and(install(o.install()));
        }
        c.add(WEB_READY, web.ready, web.reason, web.message);
        track(web, WEB_READY, notReady, rolling);

        // TLS: reported, but never holds the site back from Ready
        boolean tlsReady = tls(spec, o, c);
        // malware: reported, never holding the site back either
        if (MalwareScanEnabled.holds(site)) {
            malware(o.malwareScan(), c);
        }

        if (o.refusal() != null) {
            c.add(READY, false, o.refusal().reason(), o.refusal().message());
        } else if (o.reconcileError() != null) {
            // the spec of this generation is not (fully) applied: whatever serves is not what was asked for
            c.add(READY, false, REASON_RECONCILE_ERROR, "Generation " + generation + " could not be applied: "
                    + o.reconcileError());
        } else if (notReady.isEmpty()) {
            c.add(READY, true, REASON_READY, "The site is serving");
        } else {
            c.add(READY, false, o.unschedulable() != null ? REASON_UNSCHEDULABLE : REASON_COMPONENTS_NOT_READY,
                    "Not ready: " + String.join(", ", notReady)
                            + (o.unschedulable() != null ? ". " + o.unschedulable() : ""));
        }
        if (rolling.isEmpty()) {
            c.add(PROGRESSING, false, REASON_STABLE, "Every component runs its latest configuration");
        } else {
            c.add(PROGRESSING, true, REASON_ROLLING_OUT, "Rolling out: " + String.join(", ", rolling));
        }
        int maxWeb = AutoscalingEnabled.holds(site) ? spec.getAutoscaling().getMaxReplicas() : wantWeb;
        if (o.refusal() != null) {
            c.add(DEGRADED, true, o.refusal().reason(), o.refusal().message());
        } else if (o.reconcileError() != null) {
            c.add(DEGRADED, true, REASON_RECONCILE_ERROR, o.reconcileError());
        } else if (maxWeb > 1 && spec.getStorage().getAccessMode() == VolumeSpec.AccessMode.ReadWriteOnce) {
            c.add(DEGRADED, true, REASON_RWX_REQUIRED, "Up to " + maxWeb + " WordPress pods share wp-content, but"
                    + " spec.storage.accessMode is ReadWriteOnce: pods on other nodes cannot mount it."
                    + " Use ReadWriteMany storage for more than one replica.");
        } else if (!notReady.isEmpty() && rolling.isEmpty() && !REASON_SCALED_TO_ZERO.equals(web.reason) && !REASON_QUIESCED.equals(web.reason)) {
            c.add(DEGRADED, true, REASON_COMPONENTS_NOT_READY, "Not ready although nothing is rolling out: "
                    + String.join(", ", notReady));
        } else {
            c.add(DEGRADED, false, REASON_AS_EXPECTED, "No known problem");
        }

        WordPressSiteStatus status = new WordPressSiteStatus();
        status.setObservedGeneration(generation);
        status.setConditions(c.build());
        status.setReadyReplicas(o.wordpress().map(Deployment::getStatus).map(s -> s.getReadyReplicas()).orElse(0));
        status.setReplicas(o.wordpress().map(Deployment::getStatus).map(s -> s.getReplicas()).orElse(0));
        status.setSelector(Labels.selectorString(site, Component.WORDPRESS));
        status.setUrl((tlsReady ? "https://" : "http://") + spec.getDomains().get(0) + "/");
        status.setMalwareScan(o.malwareScan());
        status.setAddress(o.ingress().map(SiteStatusBuilder::address).orElse(null));
        if (o.install().map(j -> j.getStatus() != null && j.getStatus().getSucceeded() != null
                && j.getStatus().getSucceeded() > 0).orElse(false)) {
            status.setAdmin(new AdminLoginStatus(status.getUrl() + "wp-login.php", WordPressInstallEnv.ADMIN_NAME,
                    Names.secret(site), SiteSecretDependent.ADMIN_PASSWORD));
        }
        return status;
    }

    private static void malware(MalwareScanStatus scan, ConditionsBuilder c) {
        boolean failedLast = scan != null && MalwareScanReadback.FAILED.equals(scan.getOutcome());
        String failure = failedLast ? "the last run (" + scan.getLastJob() + ") failed: " + scan.getMessage() : null;
        if (scan == null || scan.getLastSuccessfulTime() == null) {
            c.add(MALWARE_FREE, ConditionsBuilder.UNKNOWN, failedLast ? REASON_SCAN_FAILED : REASON_NOT_SCANNED,
                    failedLast ? "No scan has completed: " + failure : "No scan has run yet");
            return;
        }
        int findings = Optional.ofNullable(scan.getFindingsCount()).orElse(0);
        String when = "The scan of " + scan.getLastSuccessfulTime() + " (" + scan.getFilesScanned() + " files)";
        String after = failedLast ? "; " + failure : "";
        if (findings == 0) {
            if (failedLast) {
                c.add(MALWARE_FREE, ConditionsBuilder.UNKNOWN, REASON_SCAN_FAILED, when + " found nothing"
                        + unchecked(scan) + after);
            } else {
                c.add(MALWARE_FREE, true, REASON_NO_FINDINGS, when + " found nothing" + unchecked(scan));
            }
            return;
        }
        String classes = scan.getClasses() == null ? "" : " (" + scan.getClasses().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")) + ")";
        List<String> quarantined = Optional.ofNullable(scan.getQuarantined()).orElse(List.of());
        List<String> restored = Optional.ofNullable(scan.getRestored()).orElse(List.of());
        // cleaned: Quarantine moved every finding away, or restored it in a running pod by the roll (a database
        // finding or the image's core never is)
        boolean cleaned = "Quarantine".equals(scan.getAction()) && !Boolean.TRUE.equals(scan.getTruncated())
                && scan.getFindings() != null && scan.getFindings().stream().allMatch(f -> f.getPod() != null
                        ? restored.contains(f.getPod() + ":" + f.getWhere()) : quarantined.contains(f.getWhere()));
        String what = when + " found " + findings + " finding" + (findings == 1 ? "" : "s") + classes + unchecked(scan);
        String rolled = restored.isEmpty() ? "" : "; " + restored.size() + " core file(s) changed in running pods,"
                + " restored by rolling the pods";
        if (cleaned) {
            c.add(MALWARE_FREE, false, REASON_MALWARE_QUARANTINED, what + (quarantined.isEmpty() ? ""
                    : "; every infected file was moved to wp-content/.malware-quarantine/" + scan.getQuarantineFolder())
                    + rolled + after);
        } else {
            c.add(MALWARE_FREE, false, REASON_MALWARE_FOUND, what + ("Quarantine".equals(scan.getAction())
                    ? "; " + quarantined.size() + " file(s) quarantined" + rolled
                            + ", the others (database, the image's core) need a person"
                    : "; nothing was changed (action Report)") + after);
        }
    }

    /** What the last run could not check (status.malwareScan.checks), for the condition's message. */
    private static String unchecked(MalwareScanStatus scan) {
        List<String> missed = Optional.ofNullable(scan.getChecks()).orElse(List.of()).stream()
                .filter(n -> n.contains(" not checked: ")).toList();
        return missed.isEmpty() ? "" : " (" + String.join("; ", missed) + ")";
    }

    private static boolean tls(WordPressSiteSpec spec, Observed o, ConditionsBuilder c) {
        if (!Boolean.TRUE.equals(spec.getTls().getEnabled())) {
            c.add(TLS_READY, false, REASON_TLS_DISABLED, "spec.tls.enabled is false: the site is served over HTTP");
            return false;
        }
        if (!o.certManagerInstalled()) {
            c.add(TLS_READY, false, REASON_CERT_MANAGER_MISSING,
                    "TLS unavailable: cert-manager's CRDs are not installed in this cluster");
            return false;
        }
        if (o.missingIssuer() != null) {
            c.add(TLS_READY, false, REASON_ISSUER_NOT_FOUND, o.missingIssuer() + " not found: create it (docs/expose.md"
                    + " shows a self-signed one for labs), or name another in spec.tls.issuerRef");
            return false;
        }
        if (o.certificate().isEmpty()) {
            c.add(TLS_READY, false, REASON_CREATING, "The Certificate is being created");
            return false;
        }
        var ready = SiteHttps.ready(o.certificate().get());
        if (SiteHttps.issued(o.certificate().get())) {
            c.add(TLS_READY, true, REASON_ISSUED, "Certificate issued for " + String.join(", ", spec.getDomains()));
            return true;
        }
        c.add(TLS_READY, false, REASON_ISSUING, ready.map(x -> "cert-manager: " + x.getMessage())
                .orElse("Waiting for cert-manager to issue the certificate"));
        return false;
    }

    /** The IPs and hostnames the ingress controller published, in its order; null when it reports none yet. */
    static String address(Ingress ingress) {
        if (ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                || ingress.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        List<String> addresses = ingress.getStatus().getLoadBalancer().getIngress().stream()
                .map(lb -> lb.getIp() != null && !lb.getIp().isBlank() ? lb.getIp() : lb.getHostname())
                .filter(a -> a != null && !a.isBlank()).distinct().toList();
        return addresses.isEmpty() ? null : String.join(",", addresses);
    }

    private static void track(Part p, String type, List<String> notReady, List<String> rolling) {
        if (!p.ready) {
            notReady.add(type);
        }
        if (p.rolling) {
            rolling.add(type);
        }
    }

    /** One component's state. */
    private record Part(boolean ready, boolean rolling, String reason, String message) {
        Part and(Part other) {
            if (ready && other.ready) {
                return new Part(true, rolling || other.rolling, REASON_READY, message + "; " + other.message);
            }
            Part bad = ready ? other : this;
            String msg = ready || other.ready ? bad.message : message + "; " + other.message;
            return new Part(false, rolling || other.rolling, bad.reason, msg);
        }
    }

    private static Part deployment(String what, Optional<Deployment> d, int want) {
        if (d.isEmpty()) {
            return new Part(false, true, REASON_CREATING, what + " Deployment is being created");
        }
        var s = d.get().getStatus();
        int ready = s == null ? 0 : Optional.ofNullable(s.getReadyReplicas()).orElse(0);
        int updated = s == null ? 0 : Optional.ofNullable(s.getUpdatedReplicas()).orElse(0);
        int total = s == null ? 0 : Optional.ofNullable(s.getReplicas()).orElse(0);
        boolean seen = s != null && s.getObservedGeneration() != null
                && s.getObservedGeneration() >= d.get().getMetadata().getGeneration();
        // as `kubectl rollout status`: every pod runs the latest template, no old pod is left, all are ready
        boolean rolledOut = seen && updated >= want && total == updated;
        boolean isReady = rolledOut && ready >= want;
        String message = rolledOut
                ? what + ": " + ready + "/" + want + " pods ready"
                : what + ": rolling out, " + updated + "/" + want + " pods updated, " + ready + " ready";
        return new Part(isReady, !rolledOut, isReady ? REASON_READY : REASON_PODS_NOT_READY, message);
    }

    /** The install Job: WordPress is not served before it has installed (or found installed) the database. */
    private static Part install(Optional<Job> job) {
        if (job.isEmpty()) {
            return new Part(false, true, REASON_INSTALLING, "The WordPress install Job is being created");
        }
        var s = job.get().getStatus();
        if (s != null && s.getSucceeded() != null && s.getSucceeded() > 0) {
            return new Part(true, false, REASON_READY, "WordPress installed");
        }
        var failed = s == null || s.getConditions() == null ? Optional.<io.fabric8.kubernetes.api.model.batch.v1.JobCondition>empty()
                : s.getConditions().stream().filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        if (failed.isPresent()) {
            return new Part(false, false, REASON_INSTALL_FAILED, "Job " + job.get().getMetadata().getName()
                    + " could not install WordPress (" + failed.get().getReason() + "): its pod's log says why;"
                    + " delete the Job to try again");
        }
        return new Part(false, true, REASON_INSTALLING, "Installing WordPress (Job " + job.get().getMetadata().getName() + ")");
    }

    private static Part statefulSet(String what, Optional<StatefulSet> sts) {
        if (sts.isEmpty()) {
            return new Part(false, true, REASON_CREATING, what + " StatefulSet is being created");
        }
        var s = sts.get().getStatus();
        int ready = s == null ? 0 : Optional.ofNullable(s.getReadyReplicas()).orElse(0);
        boolean seen = s != null && s.getObservedGeneration() != null
                && s.getObservedGeneration() >= sts.get().getMetadata().getGeneration();
        boolean updated = s != null && s.getUpdateRevision() != null && s.getUpdateRevision().equals(s.getCurrentRevision());
        boolean isReady = seen && ready >= 1;
        return new Part(isReady, !seen || !updated, isReady ? REASON_READY : REASON_PODS_NOT_READY,
                what + ": " + ready + "/1 pods ready");
    }
}
