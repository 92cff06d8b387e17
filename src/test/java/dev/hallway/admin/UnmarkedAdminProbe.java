package dev.hallway.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only admin resource nobody marked as such: the path alone must close it. */
@Path("/admin/unmarked-probe")
public class UnmarkedAdminProbe {

    @GET
    public String secret() {
        return "admin data";
    }
}
