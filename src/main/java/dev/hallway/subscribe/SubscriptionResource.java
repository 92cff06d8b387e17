package dev.hallway.subscribe;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * POST /subscriptions (the form on / or JSON), GET /subscriptions/confirm, and GET/POST /unsubscribe
 * (RFC 8058 one-click: POST unsubscribes at once, GET only shows a button).
 */
@Path("/")
public class SubscriptionResource {

    /** JSON body of POST /subscriptions. */
    public record SubscriptionRequest(String email, List<String> series) {
    }

    static final String CHECK_INBOX = "If this address can receive the digest, a confirmation link is on its way to it.";

    @Inject
    SubscriptionService subscriptions;

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response subscribeForm(@FormParam("email") String email, @FormParam("series") List<String> series) {
        try {
            subscriptions.subscribe(email, series);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(SubscribeTemplates.Pages.subscribed(null, e.getMessage())).build();
        }
        return Response.ok(SubscribeTemplates.Pages.subscribed(email == null ? "" : email.trim(), null)).build();
    }

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response subscribeJson(SubscriptionRequest request) {
        try {
            subscriptions.subscribe(request == null ? null : request.email(), request == null ? List.of() : request.series());
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("status", 400, "error", e.getMessage())).build();
        }
        return Response.accepted(Map.of("status", "pending-confirmation", "message", CHECK_INBOX)).build();
    }

    @GET
    @Path("subscriptions/confirm")
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@QueryParam("token") String token) {
        String email = subscriptions.confirm(token);
        TemplateInstance page = SubscribeTemplates.Pages.confirmed(email, email != null);
        return Response.status(email != null ? 200 : 404).entity(page).build();
    }

    @GET
    @Path("unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    public Response unsubscribePage(@QueryParam("token") String token) {
        boolean valid = subscriptions.validUnsubscribeToken(token);
        return Response.status(valid ? 200 : 404).entity(SubscribeTemplates.Pages.unsubscribe(token, valid)).build();
    }

    @POST
    @Path("unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    public Response unsubscribe(@QueryParam("token") String token) {
        String email = subscriptions.unsubscribe(token);
        if (email == null) {
            return Response.status(404).entity(SubscribeTemplates.Pages.unsubscribe(token, false)).build();
        }
        return Response.ok(SubscribeTemplates.Pages.unsubscribed(email)).build();
    }
}
