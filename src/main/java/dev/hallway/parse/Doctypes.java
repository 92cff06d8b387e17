package dev.hallway.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Hallway does with a DOCTYPE before the parser sees it: nothing is fetched, and only plain text expands.
 * <ul>
 *   <li>a reference to an external DTD (RSS 0.91's Netscape DTD) is dropped;</li>
 *   <li>plain text entities declared inline ({@code <!ENTITY id "tag:example.com,">}) are kept, alone in a DOCTYPE
 *       of their own, and the XML parser substitutes them within its entity size limits ({@link SecureXml});</li>
 *   <li>anything else — external entities (XXE), parameter entities, entities built from other entities
 *       (the billion laughs) — is refused.</li>
 * </ul>
 */
final class Doctypes {

    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE\\s+[^\\[>]*(\\[(.*?)\\]\\s*)?>", Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("<!(\\w+)[^>]*>|<!--.*?-->|<\\?.*?\\?>|%[\\w.-]+;|\\s+", Pattern.DOTALL);
    private static final Pattern W3C_ENTITY_SET = Pattern.compile(
            "<!ENTITY\\s+%\\s+[\\w.-]+\\s+PUBLIC\\s+[\"']-//W3C//ENTITIES [^\"']*[\"'](\\s+[\"'][^\"']*[\"'])?\\s*>");
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("%[\\w.-]+;");
    private static final Pattern TEXT_ENTITY = Pattern.compile("<!ENTITY\\s+([A-Za-z_][\\w.-]*)\\s+(\"([^\"&%<]*)\"|'([^'&%<]*)')\\s*>");
    private static final Pattern NAME = Pattern.compile("<!DOCTYPE\\s+([^\\s\\[>]+)");

    private Doctypes() {
    }

    static String resolve(String xml) throws FeedParseException {
        int rootStart = firstElement(xml);
        int search = doctypeOutsideComments(xml, rootStart);
        if (search < 0 || (rootStart >= 0 && search > rootStart)) {
            return xml;
        }
        Matcher doctype = DOCTYPE.matcher(xml);
        if (!doctype.find(search) || doctype.start() != search) {
            throw new FeedParseException("refused: unreadable DOCTYPE declaration");
        }
        List<String> entities = doctype.group(2) == null ? List.of() : textEntities(doctype.group(2));
        if (entities.isEmpty()) {
            return xml.substring(0, doctype.start()) + xml.substring(doctype.end());
        }
        Matcher name = NAME.matcher(doctype.group());
        String root = name.lookingAt() ? name.group(1) : "rss";
        return xml.substring(0, doctype.start()) + "<!DOCTYPE " + root + " [" + String.join("", entities) + "]>"
                + xml.substring(doctype.end());
    }

    /** The declarations of plain text entities, as written; refuses the subset when it declares anything else. */
    private static List<String> textEntities(String internalSubset) throws FeedParseException {
        List<String> entities = new ArrayList<>();
        Matcher m = DECLARATION.matcher(internalSubset);
        int at = 0;
        while (at < internalSubset.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new FeedParseException("refused: unreadable DTD internal subset");
            }
            String declaration = m.group();
            if (W3C_ENTITY_SET.matcher(declaration).matches() || PARAMETER_REFERENCE.matcher(declaration).matches()) {
                at = m.end(); // the W3C HTML entity sets: XmlFixerReader knows those entities already
                continue;
            }
            if (m.group(1) != null) {
                Matcher entity = TEXT_ENTITY.matcher(declaration);
                if (!m.group(1).equals("ENTITY") || !entity.matches()) {
                    throw new FeedParseException("refused: the feed's DTD declares " + summary(declaration)
                            + " (external, parameter or nested entities are never expanded)");
                }
                entities.add(declaration);
            }
            at = m.end();
        }
        return entities;
    }

    /** Where the DOCTYPE declaration starts, skipping comments ("<!-- not a <!DOCTYPE -->"), or -1. */
    private static int doctypeOutsideComments(String xml, int rootStart) {
        int i = 0;
        int limit = rootStart < 0 ? xml.length() : rootStart;
        while (i < limit) {
            int comment = xml.indexOf("<!--", i);
            int doctype = xml.indexOf("<!DOCTYPE", i);
            if (doctype < 0 || doctype > limit) {
                return -1;
            }
            if (comment < 0 || doctype < comment) {
                return doctype;
            }
            int end = xml.indexOf("-->", comment + 4);
            if (end < 0) {
                return -1;
            }
            i = end + 3;
        }
        return -1;
    }

    private static int firstElement(String xml) {
        for (int i = xml.indexOf('<'); i >= 0 && i + 1 < xml.length(); i = xml.indexOf('<', i + 1)) {
            char next = xml.charAt(i + 1);
            if (next != '?' && next != '!') {
                return i;
            }
        }
        return -1;
    }

    private static String summary(String declaration) {
        String oneLine = declaration.replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
    }
}
