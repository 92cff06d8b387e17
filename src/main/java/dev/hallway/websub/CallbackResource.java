package dev.hallway.websub;

import dev.hallway.config.HallwayConfig;
import dev.hallway.poll.PollOutcome;
import dev.hallway.poll.PollResult;
import dev.hallway.poll.PollService;
import dev.hallway.source.Source;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * /websub/callback/{id}: where hubs call us about our subscription {id}. A GET is a verification of intent, answered
 * with hub.challenge only for the request we sent (same mode, same topic), 404 otherwise. A POST is new content: it
 * must be signed (X-Hub-Signature) with the subscription's secret, else it is refused (403) and nothing is stored;
 * signed content is stored as a poll would store it ({@link PollService#pushed}).
 */
@Path(CallbackResource.PATH + "/{id}")
public class CallbackResource {

    static final String PATH = "/websub/callback";

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    PollService polls;
    @Inject
    PushedFeeds feeds;

    @GET
    public Response verify(@PathParam("id") long id, @QueryParam("hub.mode") String mode,
                           @QueryParam("hub.topic") String topic, @QueryParam("hub.challenge") String challenge,
                           @QueryParam("hub.lease_seconds") String leaseSeconds, @QueryParam("hub.reason") String reason) {
        if (!config.websub().enabled() || mode == null || topic == null) {
            return notFound();
        }
        Instant now = clock.instant();
        Boolean answered = QuarkusTransaction.requiringNew().call(() -> {
            WebSubSubscription row = WebSubSubscription.findById(id);
            if (row == null || !row.topic.equals(topic)) {
                return false;
            }
            if (mode.equals("denied")) {
                if (!row.state.equals(WebSubSubscription.ACTIVE) && !row.state.equals(WebSubSubscription.REQUESTED)) {
                    return false;
                }
                row.state = WebSubSubscription.DENIED;
                row.pendingMode = null;
                row.lastError = cut("hub " + row.hub + " denied the subscription" + (reason == null ? "" : ": " + reason));
                row.renewAt = now.plus(HubSubscriptions.RETRY_AFTER);
                feeds.polling(row.sourceId, row.lastError);
                return true;
            }
            if (challenge == null || !mode.equals(row.pendingMode)) {
                return false;
            }
            row.pendingMode = null;
            row.lastError = null;
            if (mode.equals(WebSubSubscription.UNSUBSCRIBE)) {
                row.state = WebSubSubscription.UNSUBSCRIBED;
                feeds.polling(row.sourceId, "unsubscribed from " + row.hub);
                return true;
            }
            long lease = lease(leaseSeconds);
            row.state = WebSubSubscription.ACTIVE;
            row.leaseUntil = now.plusSeconds(lease);
            row.renewAt = now.plusMillis(lease * 900); // at 90 % of the lease
            feeds.pushing(row.sourceId, row.hub, row.leaseUntil);
            Log.infof("WebSub: %s verified our subscription %d to %s, lease %d s", row.hub, id, row.topic, lease);
            return true;
        });
        if (!answered) {
            return notFound();
        }
        return challenge == null ? Response.ok().build() : Response.ok(challenge, MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response push(@PathParam("id") long id, @jakarta.ws.rs.HeaderParam(HubSignature.HEADER) String signature,
                         @jakarta.ws.rs.HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (!config.websub().enabled()) {
            return notFound();
        }
        WebSubSubscription row = QuarkusTransaction.requiringNew().call(() -> {
            WebSubSubscription s = WebSubSubscription.findById(id);
            if (s != null) {
                WebSubSubscription.getEntityManager().detach(s);
            }
            return s;
        });
        if (row == null) {
            return notFound();
        }
        if (!row.state.equals(WebSubSubscription.ACTIVE)) {
            // 410 tells the hub to stop: we no longer want this (a new subscription has a new id)
            return Response.status(410).type(MediaType.TEXT_PLAIN).entity("no active subscription " + id + "\n").build();
        }
        byte[] bytes;
        try {
            bytes = read(body, config.fetch().maxBodySize().asLongValue());
        } catch (IOException e) {
            return Response.status(413).type(MediaType.TEXT_PLAIN).entity(e.getMessage() + "\n").build();
        }
        String problem = HubSignature.problem(signature, row.secret, bytes);
        if (problem != null) {
            Log.warnf("WebSub: refused a push for subscription %d: %s", id, problem);
            return Response.status(403).type(MediaType.TEXT_PLAIN).entity("refused: " + problem + "\n").build();
        }
        boolean followed = QuarkusTransaction.requiringNew().call(() -> {
            Source source = Source.findById(row.sourceId);
            return source != null && source.active;
        });
        if (!followed) {
            return Response.status(410).type(MediaType.TEXT_PLAIN).entity("this feed is no longer followed\n").build();
        }
        PollOutcome outcome = polls.pushed(row.sourceId, bytes, contentType, row.topic);
        if (outcome.result() == PollResult.FAILED) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("not stored: " + outcome.error() + "\n").build();
        }
        QuarkusTransaction.requiringNew().run(() -> WebSubSubscription.update("lastPushAt = ?1 where id = ?2", clock.instant(), id));
        return Response.noContent().build();
    }

    private long lease(String leaseSeconds) {
        try {
            long lease = leaseSeconds == null ? config.websub().leaseSeconds() : Long.parseLong(leaseSeconds.strip());
            return lease > 0 ? lease : config.websub().leaseSeconds();
        } catch (NumberFormatException e) {
            return config.websub().leaseSeconds();
        }
    }

    /** The body, refused past {@code cap} bytes. */
    static byte[] read(InputStream in, long cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > cap) {
                throw new IOException("body larger than " + cap + " bytes (hallway.fetch.max-body-size)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Response notFound() {
        return Response.status(404).type(MediaType.TEXT_PLAIN).entity("no such subscription request\n").build();
    }

    private static String cut(String text) {
        return text.length() <= 2048 ? text : text.substring(0, 2047) + "…";
    }
}
