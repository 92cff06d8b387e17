package dev.hallway.parse;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

import java.util.List;
import java.util.Set;

/**
 * How often the feed says it changes, as written: RSS 2.0 {@code <ttl>} (minutes) and the RSS 1.0 syndication
 * module's {@code sy:updatePeriod} and {@code sy:updateFrequency} at channel level. Kept as text: the poller decides
 * what a value means and says why it ignored one (ROME would drop a bad {@code ttl} without a word).
 *
 * @param ttl             the channel's ttl, trimmed, or null
 * @param updatePeriod    sy:updatePeriod (hourly, daily, weekly, monthly, yearly), trimmed, or null
 * @param updateFrequency sy:updateFrequency (times per period), trimmed, or null
 */
public record PublisherHints(String ttl, String updatePeriod, String updateFrequency) {

    public static final PublisherHints NONE = new PublisherHints(null, null, null);

    static final String SY_NS = "http://purl.org/rss/1.0/modules/syndication/";
    /** What ROME's SyModuleImpl accepts as a period. */
    static final Set<String> PERIODS = Set.of("hourly", "daily", "weekly", "monthly", "yearly");
    private static final int MAX_TEXT = 64;

    public boolean none() {
        return ttl == null && updatePeriod == null && updateFrequency == null;
    }

    /**
     * Reads the hints of {@code document} and takes out the sy: values ROME's SyModuleParser cannot read: it throws on
     * a period it does not know and on a frequency that is not a whole number, which made a whole RSS 1.0 or Atom feed
     * unreadable for a hint (ROME reads sy: only there; WordPress writes it in RSS 2.0 too, which is why the hints are
     * read here rather than from ROME's SyModule). The values read here are what the poller sees, bad ones included.
     */
    static PublisherHints readAndDefuse(Document document) {
        Element root = document.getRootElement();
        Element channel = child(root, "channel");
        Element scope = channel != null ? channel : root; // RSS: the channel; Atom: the feed element
        Namespace sy = Namespace.getNamespace(SY_NS);
        String ttl = text(child(scope, "ttl"));
        Element period = scope.getChild("updatePeriod", sy);
        Element frequency = scope.getChild("updateFrequency", sy);
        PublisherHints hints = new PublisherHints(ttl, text(period), text(frequency));
        // RSS 1.0 puts the sy: elements in its channel too; ROME reads them from there and from the root alike
        for (Element holder : channel != null ? List.of(channel, root) : List.of(root)) {
            for (Element e : List.copyOf(holder.getChildren("updatePeriod", sy))) {
                if (!PERIODS.contains(e.getTextTrim())) {
                    holder.removeContent(e);
                }
            }
            for (Element e : List.copyOf(holder.getChildren("updateFrequency", sy))) {
                if (!isInt(e.getTextTrim())) {
                    holder.removeContent(e);
                }
            }
        }
        return hints.none() ? NONE : hints;
    }

    /** The first child of that local name, in no namespace or any (RSS 0.9x/2.0 have none, RSS 1.0 its own). */
    private static Element child(Element parent, String name) {
        for (Element e : parent.getChildren()) {
            if (e.getName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String text = e.getTextTrim();
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static boolean isInt(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
