package dev.hallway.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells a summary-only feed (every item carries a short excerpt, the post itself is on its page) from one that carries
 * its posts. Summary-only: at least {@value #MIN_ITEMS} items, and every one has under {@value #MAX_EXCERPT} characters
 * of text that end in an ellipsis ({@code …}, {@code ...}, {@code […]}, {@code [...]}) or carry a "Read more" /
 * "Continue reading" link. One full post among them is enough to say no.
 */
public final class SummaryOnlyFeeds {

    /** Fewer items say too little: two short posts may simply be short. */
    static final int MIN_ITEMS = 3;
    static final int MAX_EXCERPT = 500;

    /**
     * Ends in an ellipsis, perhaps followed by the line WordPress plugins append to every feed item ("The post … appeared
     * first on …").
     */
    private static final Pattern ELLIPSIS_END = Pattern.compile(
            "(…|\\.\\.\\.|\\[\\s*(…|\\.\\.\\.)\\s*])\\s*(The post .{1,300} appeared first on .{1,200})?$", Pattern.DOTALL);
    private static final Pattern READ_MORE = Pattern.compile(
            "^\\W*(read more|continue reading|read the rest|keep reading)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** @param note what was seen, for /sources ("every one of the 10 items is a short excerpt") */
    public record Verdict(boolean summaryOnly, String note) {
    }

    private SummaryOnlyFeeds() {
    }

    public static Verdict judge(List<NormalizedEntry> items) {
        if (items.size() < MIN_ITEMS) {
            return new Verdict(false, "too few items to tell (" + items.size() + ", at least " + MIN_ITEMS + " needed)");
        }
        int ellipsis = 0, readMore = 0;
        for (NormalizedEntry item : items) {
            String text = item.text() == null ? "" : item.text().strip();
            if (text.length() >= MAX_EXCERPT) {
                return new Verdict(false, "an item carries " + text.length() + " characters of text: \"" + item.title() + "\"");
            }
            if (ELLIPSIS_END.matcher(text).find()) {
                ellipsis++;
            } else if (hasReadMoreLink(item.contentHtml())) {
                readMore++;
            } else {
                return new Verdict(false, "an item's text is short but complete: \"" + item.title() + "\"");
            }
        }
        String ending = readMore == 0 ? "ending in an ellipsis"
                : ellipsis == 0 ? "with a \"Read more\" link" : "ending in an ellipsis or with a \"Read more\" link";
        return new Verdict(true, "every one of the " + items.size() + " items is a short excerpt (under " + MAX_EXCERPT
                + " characters) " + ending);
    }

    static boolean hasReadMoreLink(String html) {
        if (html == null || html.isBlank()) {
            return false;
        }
        for (Element link : Jsoup.parseBodyFragment(html).select("a[href]")) {
            if (READ_MORE.matcher(link.text().strip()).matches()) {
                return true;
            }
        }
        return false;
    }
}
