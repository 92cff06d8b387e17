package dev.hallway.admin;

import dev.hallway.digest.Digest;
import dev.hallway.digest.DigestSender;
import dev.hallway.digest.DigestService;
import dev.hallway.digest.IsoWeek;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * Builds a week's digest (if not built yet) and sends what is due: POST /admin/digests/send and the admin page's
 * Send now button. Calling it again sends nothing twice.
 */
@ApplicationScoped
public class DigestSendNow {

    @Inject
    DigestService digests;
    @Inject
    DigestSender sender;

    public Map<String, Object> send(IsoWeek week) {
        Optional<Digest> digest = digests.build(week);
        if (digest.isEmpty()) {
            return Map.of("week", week.toString(), "built", false, "reason", "no conference report that week");
        }
        DigestSender.Pass pass = sender.sendDue();
        return Map.of("week", week.toString(), "built", true, "subject", digest.get().subject,
                "sent", pass.sent(), "retrying", pass.retrying(), "failed", pass.failed(), "deliveryOff", pass.deliveryOff());
    }
}
