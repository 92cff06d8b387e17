package dev.hallway.source;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the feeds of an OPML export (Miniflux, FreshRSS, Feedly, NetNewsWire, Inoreader, and Hallway's own
 * /sources.opml): every {@code <outline xmlUrl>} at any depth, the folders around it and its {@code category}
 * attribute as tags. The JDK parser is shut to the outside: no DOCTYPE at all (OPML needs none), so no DTD or entity
 * of any kind is read; a file that is not well-formed is refused with its line.
 */
final class OpmlFile {

    /** Readers' catch-all folders: not a category anyone chose (Miniflux "All", FreshRSS "Uncategorized"). */
    private static final Set<String> CATCH_ALL = Set.of("all", "uncategorized", "uncategorised");

    private OpmlFile() {
    }

    static List<OpmlFeed> read(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            Handler handler = new Handler(name);
            parser().parse(in, handler);
            if (!handler.sawOpml) {
                throw new FeedsFileException(name, 1, 1, "not an OPML file: no <opml> root element");
            }
            return List.copyOf(handler.feeds);
        } catch (SAXParseException e) {
            throw new FeedsFileException(name, Math.max(e.getLineNumber(), 0), Math.max(e.getColumnNumber(), 0),
                    "not well-formed OPML: " + e.getMessage());
        } catch (SAXException e) {
            throw e.getCause() instanceof FeedsFileException f ? f : new FeedsFileException(name, 0, 0, "unreadable OPML: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new FeedsFileException(name, 0, 0, "file not found (absolute path " + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new FeedsFileException(name, 0, 0, "cannot read: " + e);
        }
    }

    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    private static final class Handler extends DefaultHandler {
        private final String name;
        private final List<OpmlFeed> feeds = new ArrayList<>();
        /** One per open outline: its folder name, or null for a feed or an unnamed outline. */
        private final Deque<String> folders = new ArrayDeque<>();
        private Locator locator;
        private boolean sawOpml;
        private int depth;

        Handler(String name) {
            this.name = name;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            depth++;
            if (depth == 1) {
                if (!localName.equalsIgnoreCase("opml")) {
                    throw new SAXException(new FeedsFileException(name, locator.getLineNumber(), locator.getColumnNumber(),
                            "not an OPML file: the root element is <" + qName + ">, not <opml>"));
                }
                sawOpml = true;
                return;
            }
            if (!localName.equalsIgnoreCase("outline")) {
                return;
            }
            String xmlUrl = attribute(attributes, "xmlUrl");
            String title = attribute(attributes, "title");
            if (title == null) {
                title = attribute(attributes, "text");
            }
            if (xmlUrl == null) {
                folders.push(title == null || CATCH_ALL.contains(title.toLowerCase(Locale.ROOT)) ? "" : title);
                return;
            }
            folders.push("");
            LinkedHashSet<String> tags = new LinkedHashSet<>();
            folders.descendingIterator().forEachRemaining(f -> {
                if (!f.isEmpty()) {
                    tags.add(f);
                }
            });
            String category = attribute(attributes, "category");
            if (category != null) {
                for (String path : category.split(",")) {
                    for (String segment : path.split("/")) { // OPML 2.0: "/Tech/Databases" is a path of categories
                        if (!segment.isBlank()) {
                            tags.add(segment.strip());
                        }
                    }
                }
            }
            feeds.add(new OpmlFeed(xmlUrl, title, List.copyOf(tags), locator.getLineNumber()));
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
            if (localName.equalsIgnoreCase("outline") && !folders.isEmpty()) {
                folders.pop();
            }
        }

        /** A plain attribute by name, in any case (old exports write {@code xmlurl}); blank is none. */
        private static String attribute(Attributes attributes, String name) {
            for (int i = 0; i < attributes.getLength(); i++) {
                if (attributes.getURI(i).isEmpty() && attributes.getLocalName(i).equalsIgnoreCase(name)) {
                    String value = attributes.getValue(i).strip();
                    return value.isEmpty() ? null : value;
                }
            }
            return null;
        }
    }
}
