package dev.hallway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Fixture files from src/test/resources/fixtures. */
public final class Fixtures {

    public static final String RSS = "application/rss+xml; charset=UTF-8";
    public static final String ATOM = "application/atom+xml; charset=UTF-8";
    public static final String RDF = "application/rdf+xml";

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
