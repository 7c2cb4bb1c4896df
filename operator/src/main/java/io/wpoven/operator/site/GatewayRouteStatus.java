package io.wpoven.operator.site;

import static io.wpoven.operator.status.ConditionTypes.GATEWAY_ROUTE_READY;
import static io.wpoven.operator.status.ConditionTypes.REASON_CREATING;
import static io.wpoven.operator.status.ConditionTypes.REASON_GATEWAY_API_MISSING;
import static io.wpoven.operator.status.ConditionTypes.REASON_ROUTE_ACCEPTED;
import static io.wpoven.operator.status.ConditionTypes.REASON_ROUTE_PENDING;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.condition.GatewayApiInstalled;
import io.wpoven.operator.site.condition.GatewayEnabled;
import io.wpoven.operator.site.dependent.SiteHttpRouteDependent;
import io.wpoven.operator.status.ConditionsBuilder;
import io.wpoven.operator.status.EventRecorder;

/**
 * The GatewayRouteReady condition (spec.gateway): what the Gateway's controller wrote into the site's HTTPRoute for
 * that Gateway (its Accepted and ResolvedRefs conditions), or why there is no route. Reported beside the component
 * conditions, never holding the site back from Ready (the Ingress may serve it). Pure: objects in, conditions out.
 */
public final class GatewayRouteStatus {
    static final String ACCEPTED = "Accepted";
    static final String RESOLVED_REFS = "ResolvedRefs";

    private GatewayRouteStatus() {
    }

    /** What the operator found: whether the HTTPRoute CRD exists, and the site's HTTPRoute in the informer's cache. */
    public record Observed(boolean gatewayApiInstalled, Optional<HTTPRoute> route) {
    }

    /** conditions with GatewayRouteReady set from what was observed, or without it where spec.gateway is off. */
    public static List<Condition> withCondition(WordPressSite site, List<Condition> conditions, List<Condition> previous,
            Clock clock, Observed observed) {
        if (!GatewayEnabled.holds(site)) {
            return conditions.stream().filter(c -> !GATEWAY_ROUTE_READY.equals(c.getType())).toList();
        }
        long generation = Optional.ofNullable(site.getMetadata().getGeneration()).orElse(0L);
        Verdict v = verdict(site, observed);
        Condition built = new ConditionsBuilder(previous, generation, clock)
                .add(GATEWAY_ROUTE_READY, v.status(), v.reason(), v.message()).build().get(0);
        List<Condition> out = new ArrayList<>(conditions);
        out.removeIf(c -> GATEWAY_ROUTE_READY.equals(c.getType()));
        out.add(built);
        return out;
    }

    /** An Event when the condition's reason changes: a warning unless the route is now attached. */
    public static void recordEvents(KubernetesClient client, WordPressSite site, List<Condition> previous, List<Condition> current) {
        Optional<Condition> now = find(current);
        if (now.isEmpty() || now.get().getReason().equals(find(previous).map(Condition::getReason).orElse(null))) {
            return;
        }
        Condition c = now.get();
        if (ConditionsBuilder.TRUE.equals(c.getStatus())) {
            EventRecorder.normal(client, site, "GatewayRouteAccepted", c.getMessage());
        } else if (ConditionsBuilder.FALSE.equals(c.getStatus())) {
            EventRecorder.warning(client, site, c.getReason(), c.getMessage());
        }
    }

    /** What the operator sees of the site's route now (the CRD lookup answers from a watch, not a request). */
    public static Observed observe(KubernetesClient client, Optional<HTTPRoute> route) {
        boolean installed = GatewayApiInstalled.check(client);
        return new Observed(installed, installed ? route : Optional.empty());
    }

    record Verdict(String status, String reason, String message) {
    }

    static Verdict verdict(WordPressSite site, Observed o) {
        String gateway = SiteHttpRouteDependent.gatewayNamespace(site) + "/" + site.getSpec().getGateway().getName()
                + Optional.ofNullable(site.getSpec().getGateway().getSectionName()).map(s -> " (listener " + s + ")").orElse("");
        if (!o.gatewayApiInstalled()) {
            return new Verdict(ConditionsBuilder.FALSE, REASON_GATEWAY_API_MISSING, "spec.gateway.enabled is true, but the"
                    + " Gateway API CRDs (" + GatewayApiInstalled.CRD + ") are not installed in this cluster: no HTTPRoute"
                    + " is made. Install them, or set spec.gateway.enabled to false");
        }
        if (o.route().isEmpty()) {
            return new Verdict(ConditionsBuilder.UNKNOWN, REASON_CREATING, "The HTTPRoute for Gateway " + gateway
                    + " is being created");
        }
        HTTPRoute route = o.route().get();
        Optional<RouteParentStatus> parent = route.getStatus() == null || route.getStatus().getParents() == null
                ? Optional.empty()
                : route.getStatus().getParents().stream().filter(p -> sameParent(p.getParentRef(), site, route)).findFirst();
        long routeGeneration = Optional.ofNullable(route.getMetadata().getGeneration()).orElse(0L);
        Optional<Condition> accepted = parent.flatMap(p -> condition(p, ACCEPTED, routeGeneration));
        Optional<Condition> resolved = parent.flatMap(p -> condition(p, RESOLVED_REFS, routeGeneration));
        if (accepted.isEmpty()) {
            return new Verdict(ConditionsBuilder.UNKNOWN, REASON_ROUTE_PENDING, "No controller has accepted or rejected the"
                    + " HTTPRoute for Gateway " + gateway + " yet: check that the Gateway exists and that a controller"
                    + " serves its GatewayClass");
        }
        String by = parent.map(RouteParentStatus::getControllerName).map(n -> " (" + n + ")").orElse("");
        if (!ConditionsBuilder.TRUE.equals(accepted.get().getStatus())) {
            return new Verdict(ConditionsBuilder.FALSE, accepted.get().getReason(), "Gateway " + gateway + " did not accept"
                    + " the HTTPRoute" + by + ": " + accepted.get().getMessage() + hint(accepted.get().getReason(), site));
        }
        if (resolved.isPresent() && !ConditionsBuilder.TRUE.equals(resolved.get().getStatus())) {
            return new Verdict(ConditionsBuilder.FALSE, resolved.get().getReason(), "Gateway " + gateway + " accepted the"
                    + " HTTPRoute but cannot reach its backend" + by + ": " + resolved.get().getMessage());
        }
        return new Verdict(ConditionsBuilder.TRUE, REASON_ROUTE_ACCEPTED, "Attached to Gateway " + gateway + by + " for "
                + String.join(", ", site.getSpec().getDomains()));
    }

    /** Where the reason is the Gateway's choice, say who decides. */
    private static String hint(String reason, WordPressSite site) {
        return "NotAllowedByListeners".equals(reason)
                ? " (the Gateway's listeners do not allow routes from namespace " + site.getMetadata().getNamespace()
                        + ": their allowedRoutes are the platform's to change)"
                : "";
    }

    /** The route's status entry for the Gateway spec.gateway names (a controller may keep entries of earlier parents). */
    private static boolean sameParent(ParentReference ref, WordPressSite site, HTTPRoute route) {
        if (ref == null) {
            return false;
        }
        String ns = ref.getNamespace() == null ? route.getMetadata().getNamespace() : ref.getNamespace();
        return Objects.equals(ref.getName(), site.getSpec().getGateway().getName())
                && ns.equals(SiteHttpRouteDependent.gatewayNamespace(site))
                && Objects.equals(ref.getSectionName(), site.getSpec().getGateway().getSectionName());
    }

    /** The parent's condition of this type, unless it describes an earlier generation of the route. */
    private static Optional<Condition> condition(RouteParentStatus parent, String type, long routeGeneration) {
        return Optional.ofNullable(parent.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()))
                .filter(c -> c.getObservedGeneration() == null || c.getObservedGeneration() >= routeGeneration)
                .findFirst();
    }

    private static Optional<Condition> find(List<Condition> conditions) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> GATEWAY_ROUTE_READY.equals(c.getType())).findFirst();
    }
}
