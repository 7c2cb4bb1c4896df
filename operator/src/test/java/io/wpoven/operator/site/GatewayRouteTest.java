package io.wpoven.operator.site;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.GatewaySpec;
import io.wpoven.operator.site.dependent.SiteHttpRouteDependent;
import io.wpoven.operator.site.dependent.SiteIngressDependentAccess;
import io.wpoven.operator.status.ConditionTypes;
import io.wpoven.operator.support.TestSites;

/** spec.gateway: the HTTPRoute the site gets, and GatewayRouteReady from what the Gateway's controller reports. */
class GatewayRouteTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);

    private static WordPressSite withGateway(String name, String namespace, String section) {
        WordPressSite site = site("blog", "blog.example.com", "www.blog.example.com");
        GatewaySpec gateway = new GatewaySpec();
        gateway.setEnabled(true);
        gateway.setName(name);
        gateway.setNamespace(namespace);
        gateway.setSectionName(section);
        site.getSpec().setGateway(gateway);
        return site;
    }

    @Test
    void routesEveryDomainToTheProxyServiceThroughTheNamedGateway() {
        WordPressSite site = withGateway("public", "gateways", "http");
        HTTPRoute route = new SiteHttpRouteDependent().desired(site, null);

        assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.getMetadata().getName()).isEqualTo("blog");
        assertThat(route.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(route.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "blog")
                .containsEntry("app.kubernetes.io/managed-by", "wpoven-operator");
        assertThat(route.getSpec().getHostnames()).containsExactly("blog.example.com", "www.blog.example.com");
        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("public");
            assertThat(p.getNamespace()).isEqualTo("gateways");
            assertThat(p.getSectionName()).isEqualTo("http");
            assertThat(p.getKind()).isEqualTo("Gateway");
        });
        var rule = route.getSpec().getRules().get(0);
        assertThat(rule.getMatches()).singleElement().satisfies(m -> {
            assertThat(m.getPath().getType()).isEqualTo("PathPrefix");
            assertThat(m.getPath().getValue()).isEqualTo("/");
        });
        // the same backend as the site's Ingress: its front proxy Service
        var ingressBackend = new SiteIngressDependentAccess().desired(site, TestSites.config()).getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService();
        assertThat(rule.getBackendRefs()).singleElement().satisfies(b -> {
            assertThat(b.getName()).isEqualTo(ingressBackend.getName());
            assertThat(b.getPort()).isEqualTo(ingressBackend.getPort().getNumber());
        });
        // nothing the API server would default differently (the server-side apply matcher compares what it sets)
        assertThat(Serialization.asJson(route.getSpec())).doesNotContain("\"weight\"").doesNotContain("\"filters\"")
                .doesNotContain("\"port\":null");
    }

    @Test
    void theGatewayIsInTheSitesNamespaceUnlessTheSpecNamesAnother() {
        WordPressSite site = withGateway("public", null, null);
        assertThat(SiteHttpRouteDependent.parent(site).getNamespace()).isEqualTo("shop");
        assertThat(SiteHttpRouteDependent.parent(site).getSectionName()).isNull();
    }

    @Test
    void noConditionWithoutSpecGateway() {
        WordPressSite site = site("blog", "blog.example.com");
        List<Condition> before = List.of(new ConditionBuilder().withType(ConditionTypes.GATEWAY_ROUTE_READY).withStatus("True").build());
        assertThat(GatewayRouteStatus.withCondition(site, before, before, CLOCK,
                new GatewayRouteStatus.Observed(true, Optional.empty()))).isEmpty();
    }

    @Test
    void missingGatewayApiNamesTheFieldAndTheCrd() {
        Condition c = condition(withGateway("public", null, null), new GatewayRouteStatus.Observed(false, Optional.empty()));
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("GatewayAPINotInstalled");
        assertThat(c.getMessage()).contains("spec.gateway.enabled").contains("httproutes.gateway.networking.k8s.io");
    }

    @Test
    void unknownUntilTheGatewaysControllerReports() {
        WordPressSite site = withGateway("public", "gateways", null);
        assertThat(condition(site, new GatewayRouteStatus.Observed(true, Optional.empty())).getReason()).isEqualTo("Creating");
        Condition pending = condition(site, new GatewayRouteStatus.Observed(true, Optional.of(route(site, null))));
        assertThat(pending.getStatus()).isEqualTo("Unknown");
        assertThat(pending.getReason()).isEqualTo("Pending");
        assertThat(pending.getMessage()).contains("gateways/public");
    }

    @Test
    void acceptedWithResolvedRefsIsTrue() {
        WordPressSite site = withGateway("public", "gateways", null);
        Condition c = condition(site, new GatewayRouteStatus.Observed(true, Optional.of(route(site, "gateways",
                cond("Accepted", "True", "Accepted", 2L), cond("ResolvedRefs", "True", "ResolvedRefs", 2L)))));
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("Accepted");
        assertThat(c.getMessage()).contains("gateways/public").contains("traefik.io/gateway-controller")
                .contains("blog.example.com");
        assertThat(c.getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void notAllowedByTheGatewaysListenersSaysWhoseChoiceItIs() {
        WordPressSite site = withGateway("public", "gateways", null);
        Condition c = condition(site, new GatewayRouteStatus.Observed(true, Optional.of(route(site, "gateways",
                cond("Accepted", "False", "NotAllowedByListeners", 2L), cond("ResolvedRefs", "True", "ResolvedRefs", 2L)))));
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("NotAllowedByListeners");
        assertThat(c.getMessage()).contains("namespace shop").contains("allowedRoutes");
    }

    @Test
    void anUnresolvedBackendIsFalse() {
        WordPressSite site = withGateway("public", "gateways", null);
        Condition c = condition(site, new GatewayRouteStatus.Observed(true, Optional.of(route(site, "gateways",
                cond("Accepted", "True", "Accepted", 2L), cond("ResolvedRefs", "False", "BackendNotFound", 2L)))));
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("BackendNotFound");
    }

    @Test
    void aReportOnAnEarlierGenerationOrAnotherGatewayDoesNotCount() {
        WordPressSite site = withGateway("public", "gateways", null);
        Condition stale = condition(site, new GatewayRouteStatus.Observed(true, Optional.of(route(site, "gateways",
                cond("Accepted", "True", "Accepted", 1L)))));
        assertThat(stale.getReason()).isEqualTo("Pending");
        Condition other = condition(site, new GatewayRouteStatus.Observed(true, Optional.of(route(site, "elsewhere",
                cond("Accepted", "True", "Accepted", 2L)))));
        assertThat(other.getReason()).isEqualTo("Pending");
    }

    @Test
    void theTransitionTimeStaysWhileTheStatusHolds() {
        WordPressSite site = withGateway("public", "gateways", null);
        var observed = new GatewayRouteStatus.Observed(true, Optional.of(route(site, "gateways",
                cond("Accepted", "True", "Accepted", 2L))));
        List<Condition> first = GatewayRouteStatus.withCondition(site, List.of(), null, CLOCK, observed);
        List<Condition> again = GatewayRouteStatus.withCondition(site, List.of(), first,
                Clock.offset(CLOCK, java.time.Duration.ofMinutes(5)), observed);
        assertThat(again).isEqualTo(first);
    }

    private static Condition condition(WordPressSite site, GatewayRouteStatus.Observed observed) {
        List<Condition> conditions = GatewayRouteStatus.withCondition(site, List.of(), null, CLOCK, observed);
        assertThat(conditions).singleElement().extracting(Condition::getType).isEqualTo("GatewayRouteReady");
        return conditions.get(0);
    }

    /** The site's route at generation 2, as the controller reported it for the Gateway in that namespace (or none). */
    private static HTTPRoute route(WordPressSite site, String gatewayNamespace, Condition... conditions) {
        HTTPRoute route = new SiteHttpRouteDependent().desired(site, null);
        route.getMetadata().setGeneration(2L);
        if (gatewayNamespace != null) {
            var ref = SiteHttpRouteDependent.parent(site);
            ref.setNamespace(gatewayNamespace);
            route.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder()
                    .withParents(new RouteParentStatusBuilder().withControllerName("traefik.io/gateway-controller")
                            .withParentRef(ref).withConditions(conditions).build())
                    .build());
        }
        return route;
    }

    private static Condition cond(String type, String status, String reason, long generation) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(reason + " said")
                .withObservedGeneration(generation).build();
    }
}
