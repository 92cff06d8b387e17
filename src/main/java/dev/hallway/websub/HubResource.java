package dev.hallway.websub;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.RedirectGuard;
import dev.hallway.publish.FeedCache;
import dev.hallway.publish.HubLink;
import dev.hallway.publish.TopicContent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * /websub/hub: Hallway is the hub of its own feeds (WebSub allows a publisher to be its own hub). A subscription or
 * unsubscription request is checked here (our own feed as topic, a public http(s) callback, a secret under 200 bytes,
 * room on the callback's host), answered 202, and its intent verified afterwards ({@link HubVerifier}).
 */
@Path(HubLink.PATH)
public class HubResource {

    @Inject
    HallwayConfig config;
    @Inject
    FeedCache feeds;
    @Inject
    RedirectGuard guard;
    @Inject
    HubVerifier verifier;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@FormParam("hub.mode") String mode, @FormParam("hub.topic") String topic,
                            @FormParam("hub.callback") String callback, @FormParam("hub.lease_seconds") String leaseSeconds,
                            @FormParam("hub.secret") String secret) {
        if (!config.websub().enabled()) {
            return answer(404, "this hub is off (hallway.websub.enabled)");
        }
        if (!WebSubSubscription.SUBSCRIBE.equals(mode) && !WebSubSubscription.UNSUBSCRIBE.equals(mode)) {
            return answer(400, "hub.mode must be subscribe or unsubscribe");
        }
        if (topic == null || topic.isBlank()) {
            return answer(400, "hub.topic is missing");
        }
        TopicContent content = topic.length() > 2048 ? null : feeds.topic(topic.strip());
        if (content == null) {
            return answer(400, "hub.topic must be one of this hub's feeds, such as " + BaseUrl.of(config) + "/feed.atom");
        }
        URI callbackUri = callback(callback);
        if (callbackUri == null) {
            return answer(400, "hub.callback must be an absolute http(s) URL of at most 2048 characters, without a fragment");
        }
        String internal = guard.internalAddress(URI.create(BaseUrl.of(config)), callbackUri);
        if (internal != null) {
            return answer(400, "hub.callback is on an internal address (" + internal + ")");
        }
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= 200) {
            return answer(400, "hub.secret must be shorter than 200 bytes");
        }
        long lease;
        try {
            lease = leaseSeconds == null || leaseSeconds.isBlank() ? config.websub().hubLeaseSeconds() : Long.parseLong(leaseSeconds.strip());
        } catch (NumberFormatException e) {
            return answer(400, "hub.lease_seconds must be a whole number of seconds");
        }
        lease = Math.max(config.websub().hubMinLeaseSeconds(), Math.min(lease, config.websub().hubMaxLeaseSeconds()));
        HubVerifier.Intent intent = new HubVerifier.Intent(mode, topic.strip(), callbackUri.toString(),
                callbackUri.getHost().toLowerCase(Locale.ROOT), secret == null || secret.isEmpty() ? null : secret, lease,
                content.hash());
        if (mode.equals(WebSubSubscription.SUBSCRIBE) && !verifier.reserve(intent)) {
            return answer(429, "too many subscriptions for callbacks on " + intent.callbackHost()
                    + " (hallway.websub.max-subscriptions-per-callback-host)");
        }
        if (mode.equals(WebSubSubscription.UNSUBSCRIBE) && !verifier.known(intent)) {
            // nothing to end: no call to the callback (the same answer, so it does not tell who subscribed)
            return answer(202, "accepted: the intent will be verified at the callback");
        }
        if (!verifier.submit(intent)) {
            return answer(503, "too many requests waiting for verification; try again later");
        }
        return answer(202, "accepted: the intent will be verified at the callback");
    }

    private static URI callback(String callback) {
        if (callback == null || callback.isBlank() || callback.length() > 2048) {
            return null;
        }
        try {
            URI uri = URI.create(callback.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            return ok ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response answer(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
