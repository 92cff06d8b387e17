package dev.hallway.parse;

/** The body is not a feed we can read at all. */
public class FeedParseException extends Exception {

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }

    public FeedParseException(String message) {
        super(message);
    }
}
