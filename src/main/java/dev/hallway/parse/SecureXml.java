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
 * XML to a JDOM document with every door to the outside shut: no external DTD, no external or parameter entity.
 * The only DOCTYPE the parser sees is the one {@link Doctypes} leaves, declaring plain text entities; the JDK parser
 * expands them within its own limits ({@code jdk.xml.*}), so that a small feed cannot expand into a huge document
 * (one 50 KB entity referenced 2,000 times is 100 MB of text): past the limits the feed is refused.
 * A document that is not well-formed gets one repair pass (jsoup's lenient XML parser closes what was left
 * open and escapes stray ampersands), so one broken item does not cost the good ones.
 */
final class SecureXml {

    /** Characters all entity references of one document may expand to, together. */
    static final int MAX_TOTAL_ENTITY_SIZE = 1_000_000;
    /** Characters one entity may expand to. */
    static final int MAX_ENTITY_SIZE = 100_000;
    /** Entity references one document may expand. */
    static final int MAX_ENTITY_EXPANSIONS = 20_000;

    private SecureXml() {
    }

    /** @return the document, and whether it had to be repaired */
    static Document parse(String xml) throws FeedParseException {
        try {
            return builder().build(new StringReader(xml));
        } catch (JDOMException first) {
            refuseOverLimit(first);
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
    static Document parseIfWellFormed(String xml) throws IOException, FeedParseException {
        try {
            return builder().build(new StringReader(xml));
        } catch (JDOMException e) {
            refuseOverLimit(e);
            return null;
        }
    }

    /**
     * A document over the parser's entity limits is refused as it is, never repaired (the repair would drop the
     * DOCTYPE and keep the references as text). The JDK reports these limits with the codes JAXP00010001–8.
     */
    private static void refuseOverLimit(JDOMException e) throws FeedParseException {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("JAXP0001")) {
                throw new FeedParseException("refused: the feed's entities expand beyond the parser's limits ("
                        + MAX_TOTAL_ENTITY_SIZE + " characters in all, " + MAX_ENTITY_SIZE + " for one entity, "
                        + MAX_ENTITY_EXPANSIONS + " references): " + oneLine(t.getMessage()), e);
            }
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
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setProperty("jdk.xml.totalEntitySizeLimit", Integer.toString(MAX_TOTAL_ENTITY_SIZE));
        builder.setProperty("jdk.xml.maxGeneralEntitySizeLimit", Integer.toString(MAX_ENTITY_SIZE));
        builder.setProperty("jdk.xml.entityExpansionLimit", Integer.toString(MAX_ENTITY_EXPANSIONS));
        builder.setExpandEntities(true);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder;
    }

    private static String oneLine(String message) {
        String m = message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
