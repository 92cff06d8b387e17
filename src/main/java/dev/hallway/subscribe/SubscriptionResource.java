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
 * GET/POST /subscriptions/preferences: what a subscriber receives, through the signed link in every digest.
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
    @Inject
    dev.hallway.entry.ConferenceEditions editions;
    @Inject
    dev.hallway.conference.Conferences conferences;
    @Inject
    dev.hallway.config.HallwayConfig config;
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

    static final String LINK_DOES_NOT_WORK = "This link does not work";
    static final String LINK_DETAIL = "It may have expired (it works for 90 days) or been mistyped. Use the "
            + "“Change what you receive” link at the bottom of your latest digest.";

    @GET
    @Path("subscriptions/preferences")
    @Produces(MediaType.TEXT_HTML)
    public Response preferencesPage(@QueryParam("token") String token) {
        SubscriptionService.Choice choice = subscriptions.choice(token);
        Response refused = refusal(choice);
        if (refused != null) {
            return refused;
        }
        return Response.ok(preferencesForm(token, choice, choice.series(), null, null)).build();
    }

    /**
     * Saves the choice ({@code action=save}: {@code follow=all}, or {@code follow=some} with {@code series}), or
     * unsubscribes ({@code action=unsubscribe}). The token travels in the form, not the URL.
     */
    @POST
    @Path("subscriptions/preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response savePreferences(@FormParam("token") String token, @FormParam("action") String action,
                                    @FormParam("follow") String follow, @FormParam("series") List<String> series) {
        if (CrossSitePosts.refused(http, dev.hallway.config.BaseUrl.of(config))) {
            return Response.status(403).entity(SubscribeTemplates.Pages.preferencesRefused("Not sent from this site",
                    "This form can only be sent from Hallway's own preferences page. Nothing was changed.")).build();
        }
        SubscriptionService.Choice choice = subscriptions.choice(token);
        Response refused = refusal(choice);
        if (refused != null) {
            return refused;
        }
        if ("unsubscribe".equals(action)) {
            String email = subscriptions.unsubscribeWithPreferencesToken(token);
            return Response.ok(SubscribeTemplates.Pages.unsubscribed(email)).build();
        }
        List<String> chosen = series == null ? List.of() : series.stream().filter(v -> v != null && !v.isBlank()).toList();
        boolean all = !"some".equals(follow);
        if (!all && chosen.isEmpty()) {
            return Response.status(400).entity(preferencesForm(token, choice, choice.series(), null,
                    "Check at least one series, or choose all series.")).build();
        }
        try {
            SubscriptionService.Choice saved = subscriptions.choose(token, all ? List.of() : chosen);
            return Response.ok(preferencesForm(token, saved, saved.series(), saved.all()
                    ? "Saved: you receive every series, new ones included." : "Saved: you receive the " + saved.series().size()
                    + " series checked below.", null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(preferencesForm(token, choice, choice.series(), null, e.getMessage())).build();
        }
    }

    /** A 4xx page for a token that is not valid (404) or an address that no longer receives the digest (410). */
    private Response refusal(SubscriptionService.Choice choice) {
        if (choice == null) {
            return Response.status(404).entity(SubscribeTemplates.Pages.preferencesRefused(LINK_DOES_NOT_WORK, LINK_DETAIL)).build();
        }
        if (!choice.receives()) {
            return Response.status(410).entity(SubscribeTemplates.Pages.preferencesRefused("No longer subscribed",
                    "This address no longer receives the digest. To receive it again, subscribe on the home page.")).build();
        }
        return null;
    }

    /** The series that have had reports, and any the subscriber follows that have none yet, checked as followed. */
    private TemplateInstance preferencesForm(String token, SubscriptionService.Choice choice, List<String> followed,
                                             String saved, String error) {
        List<SubscribeTemplates.SeriesBox> boxes = new java.util.ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        List<dev.hallway.entry.ConferenceEditions.FollowableSeries> offered =
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> editions.followableSeries());
        for (var series : offered) {
            boxes.add(new SubscribeTemplates.SeriesBox(series.slug(), series.name(), followed.contains(series.slug())));
            shown.add(series.slug());
        }
        for (String slug : followed) {
            if (shown.add(slug)) {
                var known = conferences.catalogue().series(slug);
                boxes.add(new SubscribeTemplates.SeriesBox(slug, known == null ? slug : known.name(), true));
            }
        }
        return SubscribeTemplates.Pages.preferences(token.trim(), choice.email(), followed.isEmpty(), boxes, saved, error);
    }
}
