package dev.hallway.digest;

import dev.hallway.mail.AsciiHtml;
import dev.hallway.subscribe.SecretTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A week's digest rendered once per choice of series, however many subscribers made that choice: each message is the
 * rendering of its subscriber's choice with the subscriber's own links (unsubscribe, change what you receive) put in
 * place of placeholders. The placeholders hold a random part made at startup, so no text from a feed can name them.
 * The HTML is made ASCII ({@link AsciiHtml}: numeric character references, few lines) with each placeholder on a line
 * of its own, so the mail client sends it 7bit instead of quoted-printable-encoding every message. What the plain-text
 * part says of its own (subject line, period, separators, the "..." of a cut summary) is ASCII too, so it goes 7bit
 * whenever what it quotes from the feeds (titles, names, summaries, links) is ASCII and no line passes 998
 * characters: the Vert.x mail client quoted-printable-encodes a text part for a single other character, at a string
 * per byte and a line written per 76 characters. What feeds wrote is never changed for that. One instance
 * lives for one pass of the sender, shared by its sending threads.
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
            return htmlTemplate.replace(UNSUBSCRIBE, AsciiHtml.attribute(unsubscribeUrl))
                    .replace(PREFERENCES, AsciiHtml.attribute(preferencesUrl));
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
    synchronized Variant of(String week, List<String> series) {
        String key = week + "\n\n" + choiceKey(series);
        Variant variant = variants.get(key);
        if (variant == null) {
            DigestContent content = digests.computeIfAbsent(week, weeks).forSeries(series);
            String subject = content.subject();
            variant = content.groups().isEmpty() ? new Variant(content, subject, "", "")
                    : new Variant(content, subject,
                    mailHtml(DigestTemplates.Mail.digestHtml(content, subject, baseUrl, UNSUBSCRIBE, PREFERENCES).render()),
                    DigestTemplates.Mail.digestText(content, content.plainSubject(), baseUrl, UNSUBSCRIBE, PREFERENCES).render());
            if (!variant.empty()) {
                renderings++;
            }
            variants.put(key, variant);
        }
        return variant;
    }

    /** How many variants were rendered (for the tests: one per distinct choice, not one per subscriber). */
    synchronized int renderings() {
        return renderings;
    }

    /** Subscribers following the same series, in whatever order they were stored, share one key. */
    static String choiceKey(List<String> series) {
        return series == null ? "" : String.join("\n", series.stream().distinct().sorted().toList());
    }

    /** The HTML in ASCII with each placeholder on a line of its own (a link put there never makes a line too long). */
    static String mailHtml(String html) {
        String ascii = AsciiHtml.of(html);
        if (ascii == null) {
            return html; // a long line without a space: the mail client encodes it
        }
        for (String placeholder : List.of(UNSUBSCRIBE, PREFERENCES)) {
            for (int at = ascii.indexOf(placeholder); at >= 0; at = ascii.indexOf(placeholder, at + placeholder.length())) {
                ascii = AsciiHtml.ownLine(ascii, at, at + placeholder.length());
            }
        }
        return ascii;
    }
}
