package io.wpoven.operator.dashboard;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.wpoven.operator.dashboard.pods.PodExec;
import io.wpoven.operator.dashboard.servers.Servers;

/**
 * The servers: the nodes (ready, capacity, pods) and which sites run on each, read with the user's client. Without
 * the right to list nodes the page says the nodes are hidden and still groups the sites by node name; without the
 * right to list pods in every namespace it asks for a namespace, as the fleet does.
 */
@Path(DashboardFilter.ROOT + "/servers")
@Produces(MediaType.TEXT_HTML)
public class ServersResource {
    @Inject
    @Location("dashboard/servers.html")
    Template page;
    @Inject
    Pages pages;
    @Inject
    SignedInUser user;

    @GET
    public TemplateInstance servers(@QueryParam("namespace") String namespace) {
        String ns = namespace == null ? "" : namespace.strip();
        Servers servers = new Servers(user.client());
        Servers.Overview overview = null;
        String refused = "";
        try {
            overview = ns.isEmpty() ? servers.overview() : servers.overview(ns);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            refused = PodExec.apiMessage(e);
        }
        return pages.page(page, "Servers").data("overview", overview).data("refused", refused).data("namespace", ns)
                .data("unscheduled", Servers.UNSCHEDULED);
    }
}
