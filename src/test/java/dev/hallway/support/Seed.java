package dev.hallway.support;

import java.util.List;

/** The feeds of the seed posts (src/test/resources/fixtures/seeds, answers in EXPECTED.md), served as blogs serve them. */
public enum Seed {
    WORDPRESS("adventures-in-oss.rss", Fixtures.RSS),
    PINGCAP("pingcap-blog.atom", Fixtures.ATOM),
    TROST("alexander-trost.atom", Fixtures.ATOM),
    DUCHESS("duchess-france.rdf", Fixtures.RDF),
    /** Another blog republishing a TROST post under its own URL and title. */
    SYNDICATED_COPY("syndicated-copy.rss", Fixtures.RSS);

    /** The four blogs, without the syndicated copy. */
    public static final List<Seed> BLOGS = List.of(WORDPRESS, PINGCAP, TROST, DUCHESS);

    private final String file;
    private final String contentType;

    Seed(String file, String contentType) {
        this.file = file;
        this.contentType = contentType;
    }

    public String fixture() {
        return "seeds/" + file;
    }

    public byte[] bytes() {
        return Fixtures.bytes(fixture());
    }

    public String contentType() {
        return contentType;
    }

    /** Serves this feed at {@code prefix} + its file name; returns its URL. */
    public String serve(FeedServer server, String prefix) {
        String path = prefix + file;
        server.route(path, FeedServer.Reply.ok(bytes(), contentType));
        return server.url(path);
    }

    /** Serves each feed at {@code prefix} + its file name; returns their URLs in the same order. */
    public static List<String> serve(FeedServer server, String prefix, List<Seed> seeds) {
        return seeds.stream().map(s -> s.serve(server, prefix)).toList();
    }
}
