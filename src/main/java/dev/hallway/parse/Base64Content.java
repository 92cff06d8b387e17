package dev.hallway.parse;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.filter.Filters;

/**
 * Atom 0.3's {@code mode="base64"} content is often wrapped over several lines; ROME's decoder fails on the
 * whitespace, so it is removed before ROME sees the document.
 */
final class Base64Content {

    private Base64Content() {
    }

    static void unwrap(Document document) {
        java.util.List<Element> elements = new java.util.ArrayList<>();
        document.getDescendants(Filters.element()).forEach(elements::add);
        for (Element element : elements) {
            if ("base64".equalsIgnoreCase(element.getAttributeValue("mode")) && element.getChildren().isEmpty()) {
                element.setText(element.getText().replaceAll("\\s+", ""));
            }
        }
    }
}
