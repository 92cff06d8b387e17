package dev.hallway.fetch;

import java.io.IOException;

/** The body (on the wire or once decompressed) is larger than its cap (hallway.fetch.max-body-size for feeds). */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long cap, String capKey) {
        super("body larger than the " + ByteSizes.human(cap) + " limit (" + capKey + ")");
    }
}
