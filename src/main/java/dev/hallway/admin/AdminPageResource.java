package dev.hallway.admin;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.digest.Digest;
import dev.hallway.digest.DigestContent;
import dev.hallway.digest.DigestHtml;
import dev.hallway.digest.DigestService;
import dev.hallway.digest.IsoWeek;
import dev.hallway.entry.ConferencePin;
import dev.hallway.mail.MailDelivery;
import dev.hallway.poll.PollOutcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The admin page: sign in with the admin token once, then a session cookie (Secure, HttpOnly, SameSite=Strict,
 * Path=/admin, hallway.admin.session-ttl). Feeds with Poll now; recent conference decisions with Pin to…, Not a
 * report and Let the classifier decide; digest weeks with a preview and Send now; subscribers by status, search
 * and delete. Each form carries the session's CSRF token and ends with a 303 back and a message. The buttons call
 * the same services as the JSON endpoints ({@link PollNow}, {@link ConferencePin}, {@link DigestSendNow}).
 * {@link AdminPathGuard} has already refused requests without a session (but for the page and the sign-in) and
 * cross-site POSTs.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPageResource {

    static final String FLASH = "__Secure-hallway-admin-flash";

    @Inject
    AdminSessions sessions;
    @Inject
    AdminAccess access;
    @Inject
    AdminFailures failures;
    @Inject
    AdminPageQueries queries;
    @Inject
    PollNow pollNow;
    @Inject
    ConferencePin pins;
    @Inject
    DigestSendNow sendNow;
    @Inject
    DigestService digests;
    @Inject
    SubscriberErasure erasure;
    @Inject
    MailDelivery mail;
    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Context
    HttpServerRequest http;

    @GET
    public Response page(@CookieParam(AdminSessions.COOKIE) String cookie, @CookieParam(FLASH) String flash,
                         @QueryParam("q") String query) {
        AdminSessions.Session session = sessions.verify(cookie).orElse(null);
        if (session == null) {
            Response.ResponseBuilder signIn = Response.ok(AdminTemplates.signIn(null).render());
            if (cookie != null) {
                signIn.header("Set-Cookie", cookieHeader(AdminSessions.COOKIE, "", 0)); // expired or from an old token
            }
            return signIn.build();
        }
        String q = query == null || query.isBlank() ? null : query.trim();
        AdminView view = new AdminView(session.csrf(), AdminPageQueries.time(session.expiresAt()), Flashes.read(flash),
                queries.feeds(), queries.classifications(), queries.seriesOptions(), AdminDigestResource.deliveryText(mail),
                digests.summaries(), IsoWeek.previous(clock.instant(), digests.zone()).toString(),
                queries.subscriberCounts(), q, q == null ? null : queries.search(q));
        Response.ResponseBuilder ok = Response.ok(AdminTemplates.Pages.admin(view).render());
        if (flash != null) {
            ok.header("Set-Cookie", cookieHeader(FLASH, "", 0)); // shown once
        }
        return ok.build();
    }

    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token) {
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        if (access.checkToken(token == null ? null : token.trim()) != AdminAccess.Verdict.ALLOWED) {
            boolean blocked = failures.fail(client).isPresent() || !failures.allowed(client);
            String message = blocked ? "Wrong admin token. Too many wrong tokens from this address: try again later."
                    : "Wrong admin token. It is the value of hallway.admin-token (HALLWAY_ADMIN_TOKEN).";
            return Response.status(401).entity(AdminTemplates.signIn(message).render()).build();
        }
        AdminSessions.Created created = sessions.create();
        return Response.seeOther(URI.create("/admin"))
                .header("Set-Cookie", cookieHeader(AdminSessions.COOKIE, created.cookieValue(), config.admin().sessionTtl().toSeconds()))
                .build();
    }

    @POST
    @Path("session/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf) {
        requireForm(cookie, csrf);
        return Response.seeOther(URI.create("/admin")).header("Set-Cookie", cookieHeader(AdminSessions.COOKIE, "", 0)).build();
    }

    @POST
    @Path("ui/feeds/{id}/poll")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pollFeed(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf,
                             @PathParam("id") long id) {
        requireForm(cookie, csrf);
        return act("#feeds", () -> {
            StringBuilder message = new StringBuilder();
            for (PollOutcome o : pollNow.poll(id)) {
                message.append("Polled ").append(o.name()).append(": ").append(o.result().json());
                if (o.httpStatus() != null) {
                    message.append(", HTTP ").append(o.httpStatus());
                }
                message.append(", ").append(o.entries()).append(" entries, ").append(o.added()).append(" new, ")
                        .append(o.updated()).append(" updated");
                if (o.error() != null) {
                    message.append(": ").append(o.error());
                }
                message.append(". ");
            }
            return message.toString().trim();
        });
    }

    @POST
    @Path("ui/entries/{id}/pin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pin(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf, @PathParam("id") long id,
                        @FormParam("series") String series, @FormParam("edition") String edition, @FormParam("name") String name) {
        requireForm(cookie, csrf);
        return act("#entry-" + id, () -> {
            if (series == null || series.isBlank()) {
                throw new IllegalArgumentException("give the conference series (its slug, like fosdem) to pin entry " + id + " to");
            }
            var pinned = pins.pin(id, new ConferencePin.Request(series.trim(), edition, name == null || name.isBlank() ? null : name, null));
            return "Entry " + id + " pinned to " + pinned.name() + ".";
        });
    }

    @POST
    @Path("ui/entries/{id}/not-a-report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response notAReport(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf,
                               @PathParam("id") long id) {
        requireForm(cookie, csrf);
        return act("#entry-" + id, () -> {
            pins.pin(id, new ConferencePin.Request(null, null, null, true));
            return "Entry " + id + " pinned as not a report.";
        });
    }

    @POST
    @Path("ui/entries/{id}/classifier")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response letTheClassifierDecide(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf,
                                           @PathParam("id") long id) {
        requireForm(cookie, csrf);
        return act("#entry-" + id, () -> {
            var decided = pins.unpin(id);
            return "Entry " + id + " is the classifier's again: " + (decided == null ? "not a report" : decided.name()) + ".";
        });
    }

    @POST
    @Path("ui/digests/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendDigest(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf,
                               @FormParam("week") String week) {
        requireForm(cookie, csrf);
        return act("#digests", () -> {
            Map<String, Object> result = sendNow.send(IsoWeek.parse(week));
            if (!Boolean.TRUE.equals(result.get("built"))) {
                return "Nothing to send for " + result.get("week") + ": " + result.get("reason") + ".";
            }
            return result.get("week") + ": sent " + result.get("sent") + ", retrying " + result.get("retrying") + ", failed "
                    + result.get("failed") + (Boolean.TRUE.equals(result.get("deliveryOff"))
                    ? " (delivery is off: the messages wait in the outbox)" : "") + ".";
        });
    }

    @GET
    @Path("ui/digests/next/preview")
    public Response previewNext() {
        DigestContent next = digests.preview();
        return Response.ok(DigestHtml.page(next, next.subject(), BaseUrl.of(config))).build();
    }

    @GET
    @Path("ui/digests/{week}/preview")
    public Response previewWeek(@PathParam("week") String week) {
        try {
            IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        Digest digest = QuarkusTransaction.requiringNew().call(() -> Digest.findById(week));
        if (digest == null) {
            throw new NotFoundException("no digest for " + week);
        }
        return Response.ok(DigestHtml.page(DigestService.content(digest), digest.subject, BaseUrl.of(config))).build();
    }

    @POST
    @Path("ui/subscribers/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteSubscriber(@CookieParam(AdminSessions.COOKIE) String cookie, @FormParam("csrf") String csrf,
                                     @PathParam("id") long id, @FormParam("q") String query) {
        requireForm(cookie, csrf);
        String back = (query == null || query.isBlank() ? "" : "?q=" + URLEncoder.encode(query.trim(), StandardCharsets.UTF_8))
                + "#subscribers";
        return act(back, () -> {
            String email = erasure.erase(id);
            if (email == null) {
                throw new IllegalArgumentException("no subscriber " + id + " (already deleted?)");
            }
            return "Deleted " + email + " and their messages.";
        });
    }

    /** A form POST needs a session (the guard saw to that) and the session's CSRF token: otherwise 403, nothing done. */
    private AdminSessions.Session requireForm(String cookie, String csrf) {
        AdminSessions.Session session = sessions.verify(cookie).orElse(null);
        if (session == null) {
            throw new WebApplicationException(Response.seeOther(URI.create("/admin")).build());
        }
        if (!AdminSessions.csrfMatches(session, csrf)) {
            throw new WebApplicationException(Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .entity(AdminTemplates.refused("This form's security token is missing or does not belong to your session "
                            + "(an old page, or a form from elsewhere): nothing was changed. Reload the admin page and try again.").render())
                    .build());
        }
        return session;
    }

    /** Runs an action and goes back to the page (303) with its outcome, or with why it could not be done. */
    private Response act(String back, java.util.concurrent.Callable<String> action) {
        AdminView.Flash flash;
        try {
            flash = new AdminView.Flash(action.call(), false);
        } catch (WebApplicationException e) {
            flash = new AdminView.Flash(e.getMessage(), true);
        } catch (IllegalArgumentException e) {
            flash = new AdminView.Flash(e.getMessage(), true);
        } catch (Exception e) {
            flash = new AdminView.Flash("Failed: " + e, true);
        }
        return Response.seeOther(URI.create("/admin" + back))
                .header("Set-Cookie", cookieHeader(FLASH, Flashes.write(flash), 120)).build();
    }

    /** Secure, HttpOnly, SameSite=Strict, for /admin only; a max age of 0 removes the cookie. */
    static String cookieHeader(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Path=/admin; Max-Age=" + maxAgeSeconds + "; Secure; HttpOnly; SameSite=Strict";
    }
}
