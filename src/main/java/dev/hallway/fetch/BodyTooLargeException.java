package dev.hallway.fetch;

import java.io.IOException;

/** The body (on the wire or once decompressed) is larger than hallway.fetch.max-body-size. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long cap) {
        super("body larger than the " + ByteSizes.human(cap) + " limit (hallway.fetch.max-body-size)");
    }
}
