package dev.hallway.digest;

import dev.hallway.subscribe.SecretTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A week's digest rendered once per choice of series, however many subscribers made that choice: each message is the
 * rendering of its subscriber's choice with the subscriber's own links (unsubscribe, change what you receive) put in
 * place of placeholders. The placeholders hold a random part made at startup, so no text from a feed can name them.
 * One instance lives for one pass of the sender (not thread-safe).
 */
final class DigestVariants {

    private static final String NONCE = SecretTokens.random().replace('-', 'x').replace('_', 'y');
    static final String UNSUBSCRIBE = "hallway-unsubscribe-" + NONCE;
    static final String PREFERENCES = "hallway-preferences-" + NONCE;

    /** The digest for one choice, rendered; {@link #html} and {@link #text} add a subscriber's links. */
    record Variant(DigestContent content, String subject, String htmlTemplate, String textTemplate) {
        boolean empty() {
            return content.groups().isEmpty();
        }

        String html(String unsubscribeUrl, String preferencesUrl) {
            return htmlTemplate.replace(UNSUBSCRIBE, escapeHtml(unsubscribeUrl)).replace(PREFERENCES, escapeHtml(preferencesUrl));
        }

        String text(String unsubscribeUrl, String preferencesUrl) {
            return textTemplate.replace(UNSUBSCRIBE, unsubscribeUrl).replace(PREFERENCES, preferencesUrl);
        }
    }

    private final Function<String, DigestContent> weeks;
    private final String baseUrl;
    private final Map<String, DigestContent> digests = new HashMap<>();
    private final Map<String, Variant> variants = new HashMap<>();
    private int renderings;

    /** @param weeks reads a week's stored digest */
    DigestVariants(Function<String, DigestContent> weeks, String baseUrl) {
        this.weeks = weeks;
        this.baseUrl = baseUrl;
    }

    /** The week's digest for subscribers who follow these series (empty: all), rendered on first use. */
    Variant of(String week, List<String> series) {
        String key = week + "\n\n" + choiceKey(series);
        Variant variant = variants.get(key);
        if (variant == null) {
            DigestContent content = digests.computeIfAbsent(week, weeks).forSeries(series);
            String subject = content.subject();
            variant = content.groups().isEmpty() ? new Variant(content, subject, "", "")
                    : new Variant(content, subject,
                    DigestTemplates.Mail.digestHtml(content, subject, baseUrl, UNSUBSCRIBE, PREFERENCES).render(),
                    DigestTemplates.Mail.digestText(content, subject, baseUrl, UNSUBSCRIBE, PREFERENCES).render());
            if (!variant.empty()) {
                renderings++;
            }
            variants.put(key, variant);
        }
        return variant;
    }

    /** How many variants were rendered (for the tests: one per distinct choice, not one per subscriber). */
    int renderings() {
        return renderings;
    }

    /** Subscribers following the same series, in whatever order they were stored, share one key. */
    static String choiceKey(List<String> series) {
        return series == null ? "" : String.join("\n", series.stream().distinct().sorted().toList());
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
