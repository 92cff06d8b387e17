package dev.hallway.digest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The digests of one pass through the outbox: each week's content read once, and each variant (the week's groups a
 * subscriber follows) rendered once, however many subscribers share it. The most recently used variants are kept,
 * so a pass over subscribers with many different choices stays small in memory.
 */
final class DigestVariants {

    private static final int MAX_VARIANTS = 64;

    private final Function<String, DigestContent> weekContent;
    private final Function<DigestContent, DigestMail> render;
    private final Map<String, DigestContent> weeks = new HashMap<>();
    private final Map<String, DigestMail> variants = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DigestMail> eldest) {
            return size() > MAX_VARIANTS;
        }
    };

    /**
     * @param weekContent a week's stored digest (throws when it cannot be read: each message then fails, counted)
     * @param render      renders one variant
     */
    DigestVariants(Function<String, DigestContent> weekContent, Function<DigestContent, DigestMail> render) {
        this.weekContent = weekContent;
        this.render = render;
    }

    /** The mail for a subscriber following these series (none: all of them). */
    synchronized DigestMail forSubscriber(String week, List<String> series) {
        DigestContent full = weeks.get(week);
        if (full == null) {
            full = weekContent.apply(week);
            weeks.put(week, full);
        }
        DigestContent mine = full.forSeries(series);
        StringBuilder key = new StringBuilder(week);
        for (DigestContent.Group g : mine.groups()) {
            key.append('\n').append(g.slug());
        }
        String k = key.toString();
        DigestMail mail = variants.get(k);
        if (mail == null) {
            mail = render.apply(mine);
            variants.put(k, mail);
        }
        return mail;
    }
}
