package dev.hallway.fetch;

/** A fetch that got no usable answer: network error, timeout, too many redirects, body over the cap. */
public class FetchException extends Exception {

    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
