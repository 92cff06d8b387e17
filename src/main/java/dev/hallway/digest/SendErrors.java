package dev.hallway.digest;

/** The text kept in an outbox row's last_error: what went wrong, short enough for the column. */
final class SendErrors {

    static final int MAX = 2000;

    private SendErrors() {
    }

    /** "IllegalStateException: digest 2026-W47 is unreadable; caused by JsonParseException: Unrecognized token …" */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return bounded(text.toString());
    }

    static String bounded(String error) {
        return error == null || error.length() <= MAX ? error : error.substring(0, MAX);
    }
}
