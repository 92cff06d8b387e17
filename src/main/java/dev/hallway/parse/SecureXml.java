package dev.hallway.parse;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.xml.sax.InputSource;

import java.io.IOException;
import java.io.StringReader;

/**
 * XML to a JDOM document with every door to the outside shut: no DTD, no external entity, no entity expansion.
 * A document that is not well-formed gets one repair pass (jsoup's lenient XML parser closes what was left
 * open and escapes stray ampersands), so one broken item does not cost the good ones.
 */
final class SecureXml {

    private SecureXml() {
    }

    /** @return the document, and whether it had to be repaired */
    static Document parse(String xml) throws FeedParseException {
        try {
            return builder().build(new StringReader(xml));
        } catch (JDOMException first) {
            try {
                return builder().build(new StringReader(repair(xml)));
            } catch (JDOMException | IOException second) {
                throw new FeedParseException("not well-formed XML: " + oneLine(first.getMessage()), first);
            }
        } catch (IOException e) {
            throw new FeedParseException("cannot read the XML: " + e.getMessage(), e);
        }
    }

    /** The document, or null when the text is not well-formed as it stands (then heal and parse). */
    static Document parseIfWellFormed(String xml) throws IOException {
        try {
            return builder().build(new StringReader(xml));
        } catch (JDOMException e) {
            return null;
        }
    }

    private static String repair(String xml) {
        org.jsoup.nodes.Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        doc.outputSettings()
                .syntax(org.jsoup.nodes.Document.OutputSettings.Syntax.xml)
                .escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false);
        return doc.outerHtml();
    }

    private static SAXBuilder builder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setExpandEntities(false);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder;
    }

    private static String oneLine(String message) {
        String m = message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
