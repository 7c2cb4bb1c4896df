package io.wpoven.operator.dashboard;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.Restore;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.dashboard.ApiErrors.BadInput;
import io.wpoven.operator.support.Labels;

/** One site: its conditions, Events, pods and nodes, Backups, Restores and Stagings, and the one-click actions. */
@Path(DashboardFilter.ROOT + "/sites/{namespace}/{name}")
@Produces(MediaType.TEXT_HTML)
public class SiteResource {
    private static final Logger LOG = Logger.getLogger(SiteResource.class);

    @Inject
    @Location("dashboard/site.html")
    Template page;
    @Inject
    Pages pages;
    @Inject
    SignedInUser user;

    @PathParam("namespace")
    String namespace;
    @PathParam("name")
    String name;

    /** What the site page shows, all read with the user's client. */
    public record SiteView(WordPressSite site, List<Event> events, List<Pod> pods, List<Backup> backups,
            List<Restore> restores, List<Staging> stagings) {
    }

    @GET
    public TemplateInstance site() {
        KubernetesClient c = user.client();
        WordPressSite site = c.resources(WordPressSite.class).inNamespace(namespace).withName(name).require();
        List<Event> events = c.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", name).withField("involvedObject.kind", "WordPressSite").list().getItems().stream()
                .sorted(Comparator.comparing(SiteResource::eventTime).reversed()).limit(50).toList();
        List<Pod> pods = c.pods().inNamespace(namespace).withLabel(Labels.INSTANCE, name).withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
                .list().getItems();
        List<Backup> backups = backupsOf(c);
        List<String> backupNames = backups.stream().map(b -> b.getMetadata().getName()).toList();
        List<Restore> restores = c.resources(Restore.class).inNamespace(namespace).list().getItems().stream()
                .filter(r -> r.getSpec() != null && (r.getSpec().getTargetSite() != null ? name.equals(r.getSpec().getTargetSite().getName())
                        : r.getSpec().getBackupRef() != null && backupNames.contains(r.getSpec().getBackupRef().getName())))
                .toList();
        List<Staging> stagings = c.resources(Staging.class).inNamespace(namespace).list().getItems().stream()
                .filter(s -> s.getSpec() != null && s.getSpec().getSiteRef() != null && name.equals(s.getSpec().getSiteRef().getName()))
                .toList();
        return pages.page(page, name).data("namespace", namespace).data("name", name)
                .data("view", new SiteView(site, events, pods, backups, restores, stagings));
    }

    @POST
    @Path("purge")
    public Response purge() {
        actions().purgeCache(name, Instant.now());
        return done("purged the cache of");
    }

    @POST
    @Path("backup")
    public Response backup() {
        KubernetesClient c = user.client();
        WordPressSite site = c.resources(WordPressSite.class).inNamespace(namespace).withName(name).require();
        actions().backUpNow(site, backupsOf(c), Instant.now());
        return done("started a backup of");
    }

    @POST
    @Path("restore")
    public Response restore(@FormParam("backup") String backup, @FormParam("artifact") String artifact) {
        actions().restore(name, backup, artifact, Instant.now());
        return done("started a restore of");
    }

    @POST
    @Path("staging")
    public Response staging(@FormParam("stagingName") String stagingName, @FormParam("domain") String domain) {
        actions().createStaging(name, stagingName, domain);
        return done("created a staging of");
    }

    @POST
    @Path("staging/{staging}/{direction}")
    public Response sync(@PathParam("staging") String staging, @PathParam("direction") String direction) {
        actions().sync(staging, direction, Instant.now());
        return done("requested a " + direction + " of staging " + staging + " of");
    }

    @POST
    @Path("https")
    public Response https() {
        actions().enableHttps(name);
        return done("enabled HTTPS on");
    }

    @POST
    @Path("scale")
    public Response scale(@FormParam("replicas") String replicas) {
        int n;
        try {
            n = Integer.parseInt(Objects.requireNonNullElse(replicas, "").strip());
        } catch (NumberFormatException e) {
            throw new BadInput("replicas must be a number");
        }
        actions().scale(name, n);
        return done("scaled");
    }

    @POST
    @Path("clone")
    public Response cloneSite(@FormParam("newName") String newName, @FormParam("domain") String domain,
            @FormParam("backup") String backupName, @FormParam("artifact") String artifact) {
        KubernetesClient c = user.client();
        WordPressSite source = c.resources(WordPressSite.class).inNamespace(namespace).withName(name).require();
        List<Backup> backups = backupsOf(c);
        Backup backup = backupName == null || backupName.isBlank()
                ? backups.stream().filter(b -> b.getStatus() != null && b.getStatus().getLatestArtifact() != null)
                        .max(Comparator.comparing(b -> Objects.requireNonNullElse(b.getStatus().getLatestArtifact().getCompletionTime(), "")))
                        .orElse(null)
                : backups.stream().filter(b -> b.getMetadata().getName().equals(backupName.strip())).findFirst().orElse(null);
        WordPressSite created = actions().cloneInto(source, newName, domain, backup, artifact, Instant.now());
        LOG.infof("dashboard: %s cloned %s/%s into %s", user.name(), namespace, name, created.getMetadata().getName());
        return Response.seeOther(URI.create(DashboardFilter.ROOT + "/sites/" + namespace + "/" + created.getMetadata().getName())).build();
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("confirm") String confirm) {
        actions().delete(name, confirm);
        LOG.infof("dashboard: %s deleted site %s/%s", user.name(), namespace, name);
        return Response.seeOther(URI.create(DashboardFilter.ROOT + "?namespace=" + namespace)).build();
    }

    private List<Backup> backupsOf(KubernetesClient c) {
        return c.resources(Backup.class).inNamespace(namespace).list().getItems().stream()
                .filter(b -> b.getSpec() != null && b.getSpec().getSiteRef() != null && name.equals(b.getSpec().getSiteRef().getName()))
                .toList();
    }

    private SiteActions actions() {
        return new SiteActions(user.client(), namespace);
    }

    private Response done(String what) {
        LOG.infof("dashboard: %s %s %s/%s", user.name(), what, namespace, name);
        return Response.seeOther(URI.create(DashboardFilter.ROOT + "/sites/" + namespace + "/" + name + "?done=" + what.split(" ")[0])).build();
    }

    private static String eventTime(Event e) {
        return Objects.requireNonNullElse(e.getLastTimestamp(), Objects.requireNonNullElse(e.getEventTime() == null ? null : e.getEventTime().getTime(), ""));
    }
}
