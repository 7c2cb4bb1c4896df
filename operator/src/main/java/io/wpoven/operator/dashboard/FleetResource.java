package io.wpoven.operator.dashboard;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** The fleet: every site the user may see, with search and a state filter (query parameters), and "add a site". */
@Path(DashboardFilter.ROOT)
@Produces(MediaType.TEXT_HTML)
public class FleetResource {
    private static final Logger LOG = Logger.getLogger(FleetResource.class);

    @Inject
    @Location("dashboard/fleet.html")
    Template fleet;
    @Inject
    @Location("dashboard/new-site.html")
    Template newSite;
    @Inject
    Pages pages;
    @Inject
    SignedInUser user;
    @Inject
    Fleet sites;

    @GET
    public TemplateInstance fleet(@QueryParam("namespace") String namespace, @QueryParam("q") String q,
            @QueryParam("state") String state) {
        long start = System.nanoTime();
        Fleet.View view = sites.read(user.client(), namespace, q, state);
        return pages.page(fleet, "Sites").data("view", view).data("namespace", namespace == null ? "" : namespace)
                .data("q", q == null ? "" : q).data("state", state == null ? "" : state)
                .data("readMs", (System.nanoTime() - start) / 1_000_000);
    }

    @GET
    @Path("new")
    public TemplateInstance newSiteForm(@QueryParam("namespace") String namespace) {
        return pages.page(newSite, "Add a site").data("namespace", namespace == null ? "" : namespace);
    }

    @POST
    @Path("sites")
    public Response add(@FormParam("namespace") String namespace, @FormParam("name") String name,
            @FormParam("domain") String domain, @FormParam("replicas") @DefaultValue("1") int replicas) {
        String ns = SiteActions.requireName(namespace);
        new SiteActions(user.client(), ns).addSite(name, domain, replicas);
        LOG.infof("dashboard: %s added site %s/%s", user.name(), ns, name);
        return Response.seeOther(URI.create(DashboardFilter.ROOT + "/sites/" + ns + "/" + name.strip())).build();
    }
}
