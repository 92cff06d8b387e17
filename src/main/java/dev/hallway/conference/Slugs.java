package dev.hallway.conference;

import java.text.Normalizer;
import java.util.Locale;

/**
 * URL slugs from names: "Open Source Founders Summit" → open-source-founders-summit, "Zürich 2024" → zurich-2024,
 * "Wrocław" → wroclaw.
 */
public final class Slugs {

    private Slugs() {
    }

    /** Latin letters that have no accent to strip (NFD leaves them whole), with the letters they are written as. */
    private static final String[][] UNACCENTED = {{"ł", "l"}, {"Ł", "L"}, {"ø", "o"}, {"Ø", "O"}, {"đ", "d"}, {"Đ", "D"},
            {"ß", "ss"}, {"æ", "ae"}, {"Æ", "AE"}, {"œ", "oe"}, {"Œ", "OE"}, {"þ", "th"}, {"ı", "i"}};

    public static String of(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        for (String[] letter : UNACCENTED) {
            ascii = ascii.replace(letter[0], letter[1]);
        }
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "event" : slug;
    }
}
