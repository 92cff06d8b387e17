package dev.hallway.common;

/** Reading an exception's chain of causes. */
public final class Causes {

    private Causes() {
    }

    /** The first exception of a type in the chain (the exception itself, then its causes), or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
