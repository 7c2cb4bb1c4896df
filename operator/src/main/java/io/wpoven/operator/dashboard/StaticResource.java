package io.wpoven.operator.dashboard;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The dashboard's one stylesheet and one script, behind the same gate as its pages (off → 404). */
@Path(DashboardFilter.ROOT + "/static")
public class StaticResource {
    @GET
    @Path("{file:(app\\.css|app\\.js)}")
    public Response file(@PathParam("file") String file) throws IOException {
        try (InputStream in = StaticResource.class.getResourceAsStream("/dashboard/" + file)) {
            if (in == null) {
                throw new NotFoundException();
            }
            String type = file.endsWith(".css") ? "text/css; charset=UTF-8" : "text/javascript; charset=UTF-8";
            return Response.ok(in.readAllBytes()).type(type).build();
        }
    }
}
