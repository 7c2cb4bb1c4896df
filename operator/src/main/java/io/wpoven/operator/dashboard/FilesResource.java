package io.wpoven.operator.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.wpoven.operator.dashboard.ApiErrors.BadInput;
import io.wpoven.operator.dashboard.files.SiteFiles;
import io.wpoven.operator.dashboard.files.WpContentPath;

/**
 * The file manager of a site's wp-content: browse folders, download, upload, edit text, make a folder, rename and
 * delete, every action through {@link SiteFiles} with the user's client (pods/exec: RBAC decides). Paths are
 * relative to wp-content ({@link WpContentPath} refuses any other); errors are pages with their reason's status.
 */
@Path(DashboardFilter.ROOT + "/sites/{namespace}/{name}/files")
@Produces(MediaType.TEXT_HTML)
public class FilesResource {
    private static final Logger LOG = Logger.getLogger(FilesResource.class);

    @Inject
    @Location("dashboard/files.html")
    Template folderPage;
    @Inject
    @Location("dashboard/file-edit.html")
    Template editPage;
    @Inject
    Pages pages;
    @Inject
    SignedInUser user;

    @PathParam("namespace")
    String namespace;
    @PathParam("name")
    String name;

    /** A path in wp-content as the pages link it: relative, its URL-encoded form and its last name. */
    public record Link(String path, String query, String name) {
        static Link of(String path) {
            return new Link(path, URLEncoder.encode(path, StandardCharsets.UTF_8), path.substring(path.lastIndexOf('/') + 1));
        }
    }

    /** One entry of the folder shown, with its path. */
    public record Row(SiteFiles.Entry entry, Link link) {
    }

    @GET
    public TemplateInstance folder(@QueryParam("path") String path, @QueryParam("done") String done) {
        SiteFiles files = files();
        WpContentPath folder = WpContentPath.of(Objects.requireNonNullElse(path, ""));
        List<Row> rows = files.list(namespace, name, folder.relative()).stream()
                .map(e -> new Row(e, Link.of(folder.child(e.name()).relative()))).toList();
        return pages.page(folderPage, name + " files").data("namespace", namespace).data("name", name)
                .data("folder", Link.of(folder.relative())).data("crumbs", crumbs(folder.relative())).data("rows", rows)
                .data("maxUploadMiB", files.limits().maxUpload() / (1024 * 1024)).data("done", done == null ? "" : done);
    }

    @GET
    @Path("download")
    @Produces(MediaType.WILDCARD)
    public Response download(@QueryParam("path") String path) {
        SiteFiles files = files();
        WpContentPath p = WpContentPath.of(Objects.requireNonNullElse(path, ""));
        SiteFiles.Entry entry = files.stat(namespace, name, p.relative());
        if (entry.type().equals("folder")) {
            return Response.seeOther(folderUri(p.relative(), "")).build();
        }
        StreamingOutput body = out -> files.download(namespace, name, p.relative(), out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE).header("Content-Length", entry.size())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(p.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    @GET
    @Path("edit")
    public TemplateInstance edit(@QueryParam("path") String path, @QueryParam("done") String done) {
        WpContentPath p = WpContentPath.of(Objects.requireNonNullElse(path, ""));
        String text = files().readText(namespace, name, p.relative());
        return pages.page(editPage, p.name()).data("namespace", namespace).data("name", name).data("file", Link.of(p.relative()))
                .data("parent", Link.of(parent(p.relative()))).data("text", text).data("done", done == null ? "" : done);
    }

    @POST
    @Path("edit")
    public Response save(@FormParam("path") String path, @FormParam("text") String text) {
        WpContentPath p = WpContentPath.of(Objects.requireNonNullElse(path, ""));
        // a browser sends a textarea's lines ended by CR LF (HTML's form encoding): the file keeps Unix line ends
        files().writeText(namespace, name, p.relative(), Objects.requireNonNullElse(text, "").replace("\r\n", "\n"));
        log("saved", p.relative());
        return Response.seeOther(URI.create(base() + "/edit?path=" + Link.of(p.relative()).query() + "&done=saved")).build();
    }

    @POST
    @Path("upload")
    @jakarta.ws.rs.Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("path") String folder, @RestForm("file") FileUpload file) throws IOException {
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            throw new BadInput("choose a file to upload");
        }
        String fileName = file.fileName().substring(Math.max(file.fileName().lastIndexOf('/'), file.fileName().lastIndexOf('\\')) + 1);
        WpContentPath target = WpContentPath.of(Objects.requireNonNullElse(folder, "")).child(fileName);
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            files().upload(namespace, name, target.relative(), in, file.size());
        }
        log("uploaded", target.relative());
        return Response.seeOther(folderUri(parent(target.relative()), "uploaded")).build();
    }

    @POST
    @Path("mkdir")
    public Response mkdir(@FormParam("path") String folder, @FormParam("folder") String newFolder) {
        WpContentPath target = WpContentPath.of(Objects.requireNonNullElse(folder, "")).child(Objects.requireNonNullElse(newFolder, ""));
        files().mkdir(namespace, name, target.relative());
        log("made folder", target.relative());
        return Response.seeOther(folderUri(target.relative(), "")).build();
    }

    @POST
    @Path("rename")
    public Response rename(@FormParam("path") String path, @FormParam("to") String to) {
        WpContentPath from = WpContentPath.of(Objects.requireNonNullElse(path, ""));
        String newName = Objects.requireNonNullElse(to, "").strip();
        // a bare name stays in the same folder; a path (with '/') is relative to wp-content
        WpContentPath target = newName.contains("/") ? WpContentPath.of(newName) : WpContentPath.of(parent(from.relative())).child(newName);
        files().rename(namespace, name, from.relative(), target.relative());
        log("renamed " + from.relative() + " to", target.relative());
        return Response.seeOther(folderUri(parent(target.relative()), "renamed")).build();
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("path") String path, @FormParam("recursive") String recursive) {
        WpContentPath p = WpContentPath.of(Objects.requireNonNullElse(path, ""));
        files().delete(namespace, name, p.relative(), "on".equals(recursive) || "true".equals(recursive));
        log("deleted", p.relative());
        return Response.seeOther(folderUri(parent(p.relative()), "deleted")).build();
    }

    private SiteFiles files() {
        return new SiteFiles(user.client());
    }

    private String base() {
        return DashboardFilter.ROOT + "/sites/" + namespace + "/" + name + "/files";
    }

    private URI folderUri(String folder, String done) {
        return URI.create(base() + "?path=" + Link.of(folder).query() + (done.isEmpty() ? "" : "&done=" + done));
    }

    private void log(String what, String path) {
        LOG.infof("dashboard: %s %s wp-content/%s of %s/%s", user.name(), what, path, namespace, name);
    }

    static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** wp-content, then each folder down to this one. */
    static List<Link> crumbs(String relative) {
        List<Link> crumbs = new ArrayList<>();
        if (relative.isEmpty()) {
            return crumbs;
        }
        StringBuilder at = new StringBuilder();
        for (String part : relative.split("/")) {
            at.append(at.length() == 0 ? "" : "/").append(part);
            crumbs.add(Link.of(at.toString()));
        }
        return crumbs;
    }
}
