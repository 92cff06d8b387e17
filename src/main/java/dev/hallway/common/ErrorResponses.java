package dev.hallway.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Client errors say what was wrong in a small JSON body: {"status":400,"error":"limit must be between 1 and 500"}. */
public class ErrorResponses {

    @ServerExceptionMapper
    public Response clientError(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400 || status >= 500 || e.getMessage() == null || original.hasEntity()) {
            return original;
        }
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", status, "error", e.getMessage()))
                .build();
    }
}
