package dev.hallway.support;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a document against the Atom 1.0 RELAX NG schema of RFC 4287 (Jing), plus the schema's Schematron rules
 * Jing does not run: every entry has an author (its own or the feed's), and an entry without content has an
 * alternate link.
 */
public final class AtomValidator {

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    private AtomValidator() {
    }

    /** @return the problems found; empty when the document is valid */
    public static List<String> problems(byte[] document) {
        List<String> problems = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        };
        try {
            PropertyMapBuilder properties = new PropertyMapBuilder();
            properties.put(ValidateProperty.ERROR_HANDLER, collect);
            ValidationDriver driver = new ValidationDriver(properties.toPropertyMap());
            driver.loadSchema(new InputSource(AtomValidator.class.getResource("/schemas/atom.rng").toExternalForm()));
            driver.validate(new InputSource(new ByteArrayInputStream(document)));
            schematron(new SAXBuilder().build(new ByteArrayInputStream(document)), problems);
        } catch (Exception e) {
            problems.add("unreadable: " + e);
        }
        return problems;
    }

    private static void schematron(Document document, List<String> problems) {
        Element feed = document.getRootElement();
        boolean feedAuthor = feed.getChild("author", ATOM) != null;
        for (Element entry : feed.getChildren("entry", ATOM)) {
            String id = entry.getChildText("id", ATOM);
            Element source = entry.getChild("source", ATOM);
            boolean author = entry.getChild("author", ATOM) != null || feedAuthor
                    || (source != null && source.getChild("author", ATOM) != null);
            if (!author) {
                problems.add(id + ": an entry needs an author, its own or the feed's");
            }
            boolean alternate = entry.getChildren("link", ATOM).stream()
                    .anyMatch(l -> l.getAttributeValue("rel") == null || "alternate".equals(l.getAttributeValue("rel")));
            if (entry.getChild("content", ATOM) == null && !alternate) {
                problems.add(id + ": an entry without content needs an alternate link");
            }
        }
    }
}
