package dev.hallway.poll;

/** One line for /sources and the poll record saying why a poll failed in parse, normalize or store. */
final class PollFailure {

    private PollFailure() {
    }

    /** The innermost cause's class and message: "OutOfMemoryError: Java heap space", "JdbcSQL…: Value too long …". */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\s+", " ").trim();
        return "could not read or store the feed: " + root.getClass().getSimpleName() + message;
    }
}
