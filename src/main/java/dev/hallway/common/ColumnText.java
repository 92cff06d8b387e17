package dev.hallway.common;

/** Strings made to fit a database column before they are written (the sizes are the migrations' VARCHAR(n)). */
public final class ColumnText {

    private ColumnText() {
    }

    /** At most {@code max} chars, never half a surrogate pair: for text, where a cut value is still meaningful. */
    public static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    /** Null when longer than {@code max}: for URLs, validators and codes, which are wrong once cut. */
    public static String orNullIfLonger(String value, int max) {
        return value != null && value.length() > max ? null : value;
    }
}
