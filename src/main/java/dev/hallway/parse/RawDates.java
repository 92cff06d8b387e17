package dev.hallway.parse;

import org.jdom2.Document;
import org.jdom2.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The date texts of each item as written, for the items whose dates ROME could not read (it gives null
 * rather than failing): "lundi 5 février 2024", "1706745600", "2024-01-31 19:06 CET"…
 */
final class RawDates {

    record Texts(String published, String updated) {
    }

    private static final List<String> PUBLISHED = List.of("pubDate", "published", "issued", "date", "created");
    private static final List<String> UPDATED = List.of("updated", "modified");
    private static final Set<String> ITEM = Set.of("item", "entry");

    private RawDates() {
    }

    /** One pair per item or entry, in document order (the order ROME lists them in). */
    static List<Texts> of(Document document) {
        List<Texts> texts = new ArrayList<>();
        collect(document.getRootElement(), texts);
        return texts;
    }

    private static void collect(Element element, List<Texts> texts) {
        for (Element child : element.getChildren()) {
            if (ITEM.contains(child.getName())) {
                texts.add(new Texts(first(child, PUBLISHED), first(child, UPDATED)));
            } else if (child.getName().equals("channel")) {
                collect(child, texts);
            }
        }
    }

    private static String first(Element item, List<String> names) {
        for (String name : names) {
            for (Element child : item.getChildren()) {
                if (child.getName().equals(name) && !child.getTextTrim().isEmpty()) {
                    return child.getTextTrim();
                }
            }
        }
        return null;
    }
}
