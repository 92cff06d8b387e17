package dev.hallway.publish;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;

/**
 * Hallway is the WebSub hub of its own feeds (dev.hallway.websub answers at {@link #PATH}): every feed advertises it,
 * in Atom as {@code <link rel="hub">}, in JSON Feed as {@code hubs}, and on both as a {@code Link} header.
 */
public final class HubLink {

    public static final String PATH = "/websub/hub";

    private HubLink() {
    }

    /** The hub's absolute URL, or null when hallway.websub.enabled is off (then no feed advertises one). */
    public static String of(HallwayConfig config) {
        return config.websub().enabled() ? BaseUrl.of(config) + PATH : null;
    }

    /** The Link header of a feed page: the hub and the page itself (WebSub's discovery, section 4). */
    static String header(String hub, String self) {
        return hub == null ? null : "<" + hub + ">; rel=\"hub\", <" + self + ">; rel=\"self\"";
    }
}
