package dev.hallway.admin;

import dev.hallway.config.HallwayConfig;
import dev.hallway.digest.DeliveryProblem;
import dev.hallway.digest.DigestContent;
import dev.hallway.digest.DigestService;
import dev.hallway.digest.DigestSummary;
import dev.hallway.digest.IsoWeek;
import dev.hallway.mail.MailDelivery;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The digest for operators: delivery status per week, a preview of the next one, and sending a week on demand. */
@Path("/admin/digests")
public class AdminDigestResource {

    @Inject
    DigestService digests;
    @Inject
    DigestSendNow sendNow;
    @Inject
    MailDelivery mail;
    @Inject
    HallwayConfig config;

    /** Whether mail goes out, as the JSON status and the admin page say it. */
    public static String deliveryText(MailDelivery mail) {
        return mail.enabled() ? "on" : "off: no SMTP server configured (set hallway.mail.enabled=true and quarkus.mailer.host)";
    }

    /** Delivery on or off, every week's counts, and the messages that failed or wait for a retry with their last error. */
    public record Status(boolean deliveryEnabled, String delivery, List<DigestSummary> weeks, List<DeliveryProblem> problems) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        return new Status(mail.enabled(), deliveryText(mail), digests.summaries(), digests.problems());
    }

    @GET
    @Path("preview")
    @Produces(MediaType.APPLICATION_JSON)
    public DigestContent preview() {
        return digests.preview();
    }

    /** Builds the week (if not built yet) and sends what is due; calling it again sends nothing twice. */
    @POST
    @Path("send")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> send(@QueryParam("week") String week) {
        IsoWeek isoWeek;
        try {
            isoWeek = IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("week: " + e.getMessage());
        }
        return sendNow.send(isoWeek);
    }
}
