package dev.hallway.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** Guards {@link AdminOnly} resources: no token configured → 403; missing or wrong bearer token → 401. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

    @Inject
    AdminAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        switch (access.check(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            case DISABLED -> request.abortWith(problem(Response.Status.FORBIDDEN,
                    "admin endpoints are disabled: set hallway.admin-token (HALLWAY_ADMIN_TOKEN) to enable them").build());
            case UNAUTHORIZED -> request.abortWith(problem(Response.Status.UNAUTHORIZED,
                    "send Authorization: Bearer <hallway.admin-token>")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hallway-admin\"").build());
            case ALLOWED -> {
            }
        }
    }

    private static Response.ResponseBuilder problem(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message));
    }
}
