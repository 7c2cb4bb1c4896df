package io.wpoven.operator.status;

/** Condition types and reasons of WordPressSite status. They are API: tools and alerts match on them. */
public final class ConditionTypes {
    private ConditionTypes() {
    }

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String DATABASE_READY = "DatabaseReady";
    public static final String CACHE_READY = "CacheReady";
    public static final String WEB_READY = "WebReady";
    public static final String TLS_READY = "TLSReady";
    /** Only with spec.security.malwareScan.enabled: what the last scan found; never holds the site back from Ready. */
    public static final String MALWARE_FREE = "MalwareFree";

    public static final String REASON_READY = "Ready";
    public static final String REASON_PODS_NOT_READY = "PodsNotReady";
    public static final String REASON_CREATING = "Creating";
    public static final String REASON_SCALED_TO_ZERO = "ScaledToZero";
    public static final String REASON_QUIESCED = "Quiesced";
    public static final String REASON_COMPONENTS_NOT_READY = "ComponentsNotReady";
    /** Not ready because the scheduler finds no node for some of the site's pods (e.g. its spec.placement fits none). */
    public static final String REASON_UNSCHEDULABLE = "Unschedulable";
    public static final String REASON_EXTERNAL = "ExternalDatabase";
    public static final String REASON_ROLLING_OUT = "RollingOut";
    public static final String REASON_STABLE = "Stable";
    public static final String REASON_AS_EXPECTED = "AsExpected";
    public static final String REASON_RWX_REQUIRED = "ReadWriteManyRequired";
    public static final String REASON_RECONCILE_ERROR = "ReconcileError";
    public static final String REASON_TLS_DISABLED = "Disabled";
    public static final String REASON_CERT_MANAGER_MISSING = "CertManagerNotInstalled";
    public static final String REASON_ISSUED = "Issued";
    public static final String REASON_ISSUING = "Issuing";
    public static final String REASON_ISSUER_NOT_FOUND = "IssuerNotFound";
    /** WebReady: the install Job has not installed WordPress yet. */
    public static final String REASON_INSTALLING = "Installing";
    public static final String REASON_INSTALL_FAILED = "InstallFailed";
    /** MalwareFree: no scan has finished yet. */
    public static final String REASON_NOT_SCANNED = "NotScanned";
    public static final String REASON_NO_FINDINGS = "NoFindings";
    /** MalwareFree False: Report only, the findings are where they were. */
    public static final String REASON_MALWARE_FOUND = "MalwareFound";
    /** MalwareFree False: every file finding was moved into quarantine (database findings are reported only). */
    public static final String REASON_MALWARE_QUARANTINED = "MalwareQuarantined";
    /** MalwareFree Unknown: the last run failed and the one before found nothing. */
    public static final String REASON_SCAN_FAILED = "ScanFailed";

    /** Only with spec.gateway.enabled: whether the site's HTTPRoute is attached to its Gateway; never holds the site back from Ready. */
    public static final String GATEWAY_ROUTE_READY = "GatewayRouteReady";
    /** GatewayRouteReady True: the Gateway's controller accepted the route and resolved its backend. */
    public static final String REASON_ROUTE_ACCEPTED = "Accepted";
    /** GatewayRouteReady Unknown: no controller has reported on the route for this Gateway (yet). */
    public static final String REASON_ROUTE_PENDING = "Pending";
    /** GatewayRouteReady False: the cluster has no HTTPRoute CRD, so no route is made. */
    public static final String REASON_GATEWAY_API_MISSING = "GatewayAPINotInstalled";
}
