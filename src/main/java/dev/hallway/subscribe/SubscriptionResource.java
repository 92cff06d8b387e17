package dev.hallway.subscribe;

import dev.hallway.common.KeyedBuckets;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * POST /subscriptions (the form on / or JSON; rate-limited per client address and overall: 429 with Retry-After),
 * GET/POST /subscriptions/confirm and GET/POST /unsubscribe. A GET only shows a button and changes nothing (mail
 * scanners follow links); the POST of that button confirms, or unsubscribes (RFC 8058 one-click).
 */
@Path("/")
public class SubscriptionResource {

    /** JSON body of POST /subscriptions. */
    public record SubscriptionRequest(String email, List<String> series) {
    }

    static final String TOO_MANY = "Too many subscription requests: please try again later.";
    static final String CHECK_INBOX = "If this address can receive the digest, a confirmation link is on its way to it.";

    @Inject
    SubscriptionService subscriptions;
    @Inject
    SubscriptionRateLimit rateLimit;
    @Context
    HttpServerRequest http;

    /** A 429 answer when this client, or everyone together, asked too often; else null. */
    private Response tooManyRequests(Object entity) {
        Optional<Duration> wait = rateLimit.take(http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return wait.map(w -> Response.status(429).header("Retry-After", KeyedBuckets.retryAfterSeconds(w)).entity(entity).build())
                .orElse(null);
    }

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response subscribeForm(@FormParam("email") String email, @FormParam("series") List<String> series) {
        Response limited = tooManyRequests(SubscribeTemplates.Pages.subscribed(null, TOO_MANY));
        if (limited != null) {
            return limited;
        }
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
        Response limited = tooManyRequests(Map.of("status", 429, "error", TOO_MANY));
        if (limited != null) {
            return limited;
        }
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
    public Response confirmPage(@QueryParam("token") String token) {
        boolean valid = subscriptions.confirmable(token);
        return Response.status(valid ? 200 : 404).entity(SubscribeTemplates.Pages.confirm(token, valid)).build();
    }

    @POST
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
