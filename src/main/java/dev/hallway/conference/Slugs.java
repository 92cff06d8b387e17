package dev.hallway.conference;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs from names: "Open Source Founders Summit" → open-source-founders-summit, "Zürich 2024" → zurich-2024. */
public final class Slugs {

    private Slugs() {
    }

    public static String of(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "event" : slug;
    }
}
