package dev.hallway.conference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.normalize.PlainText;
import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedItem;
import dev.hallway.support.Seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every labelled post in the test resources, read the way a poll reads it (feed parser, normalizer, plain text):
 * {@code labelled/shared} (../shared/labelled-posts), {@code labelled/extra} (posts we gathered), the real posts of
 * {@code fixtures/real-posts.yaml} and the seeds. Each post keeps its blog, so evaluation can leave one blog out.
 */
final class LabelledCorpus {

    /** @param series null when the post is not a report */
    record Post(String id, String blog, String lang, ClassifierInput input, String series, String edition) {
        boolean report() {
            return series != null;
        }

        String expected() {
            return series == null ? "none" : series + " " + edition;
        }
    }

    static final List<String> SETS = List.of("labelled/shared", "labelled/extra", "labelled/extra2", "labelled/extra3",
            "labelled/extra4", "labelled/extra5", "labelled/extra6", "labelled/extra7", "labelled/extra8",
            "labelled/extra9", "labelled/extra10", "labelled/extra11", "labelled/extra12", "labelled/extra13");
    private static final Instant FETCHED = Instant.parse("2026-12-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledCorpus() {
    }

    static List<Post> all() {
        List<Post> posts = new ArrayList<>();
        for (String set : SETS) {
            posts.addAll(feedSet(set));
        }
        posts.addAll(realPosts());
        posts.addAll(seeds());
        return posts;
    }

    /** A folder with feeds/*.xml and labels.json (link → {feed, label_kind, series, edition, lang?}). */
    static List<Post> feedSet(String folder) {
        JsonNode labels;
        try (InputStream in = resource(folder + "/labels.json")) {
            if (in == null) {
                return List.of();
            }
            labels = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Post> posts = new ArrayList<>();
        java.util.Set<String> feeds = new java.util.TreeSet<>();
        labels.forEach(l -> feeds.add(l.get("feed").asText()));
        for (String feed : feeds) {
            byte[] bytes;
            try (InputStream in = resource(folder + "/feeds/" + feed + ".xml")) {
                if (in == null) {
                    throw new IllegalStateException("labels name feed " + feed + " but " + folder + "/feeds has no such file");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (ParsedItem item : parse(bytes, "application/rss+xml")) {
                NormalizedEntry e = EntryNormalizer.normalize(item, FETCHED);
                JsonNode label = labels.get(item.link());
                if (label == null) {
                    throw new IllegalStateException(folder + ": no label for " + item.link());
                }
                boolean report = "report".equals(label.path("label_kind").asText());
                ClassifierInput input = input(e);
                String lang = label.hasNonNull("lang") ? label.get("lang").asText() : Languages.guess(e.title() + " " + input.text());
                posts.add(new Post(label.path("id").asText(item.link()), folder.substring(folder.lastIndexOf('/') + 1) + ":" + feed,
                        lang, input, report ? label.get("series").asText() : null, report ? label.get("edition").asText() : null));
            }
        }
        return posts;
    }

    private record RealPost(String url, String title, String date, List<String> tags, String text, String expected,
                            String expected_name, String note) {
    }

    static List<Post> realPosts() {
        List<RealPost> real;
        try (InputStream in = resource("fixtures/real-posts.yaml")) {
            real = Catalogue.YAML.readValue(in, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Post> posts = new ArrayList<>();
        int n = 0;
        for (RealPost p : real) {
            Instant date = p.date() == null ? null : LocalDate.parse(p.date()).atTime(12, 0).toInstant(ZoneOffset.UTC);
            ClassifierInput input = new ClassifierInput(p.title(), p.tags() == null ? List.of() : p.tags(), p.url(), p.text(), null, date);
            String[] name = p.expected_name() == null ? null : splitName(p.expected_name());
            posts.add(new Post("real-" + (++n), "real:" + URI.create(p.url()).getHost(), Languages.guess(p.title() + " " + p.text()),
                    input, name == null ? null : name[0], name == null ? null : name[1]));
        }
        return posts;
    }

    /** The seed posts, with the answers of ../shared/README.md. */
    static List<Post> seeds() {
        Map<String, String> answers = Map.ofEntries(
                Map.entry("FOSDEM 2019 Recap: Global Technology, Local Community", "FOSDEM 2019"),
                Map.entry("FOSDEM'20 Brussels", "FOSDEM 2020"),
                Map.entry("FOSDEM’2020 Brussels", "FOSDEM 2020"),
                Map.entry("Bringing TiKV to Rust Devroom at FOSDEM 2018", "FOSDEM 2018"),
                Map.entry("2024 Open Source Founders Summit", "Open Source Founders Summit 2024"),
                Map.entry("2024 FOSS Backstage", "FOSS Backstage 2024"),
                Map.entry("2023 Percona Live – Day 2", "Percona Live 2023"),
                Map.entry("2023 Percona Live – Day 1", "Percona Live 2023"),
                Map.entry("2023 Percona Live – Day 0", "Percona Live 2023"),
                Map.entry("SCaLE 20x – Day 3", "SCaLE 20x"),
                Map.entry("Feedback on DotScale conference 2015", "dotScale 2015"));
        List<Post> posts = new ArrayList<>();
        for (Seed feed : Seed.BLOGS) {
            for (ParsedItem item : parse(feed.bytes(), feed.contentType())) {
                NormalizedEntry e = EntryNormalizer.normalize(item, FETCHED);
                String answer = answers.get(e.title());
                String[] name = answer == null ? null : splitName(answer);
                ClassifierInput input = input(e);
                posts.add(new Post("seed-" + e.url(), "seeds:" + feed.name().toLowerCase(Locale.ROOT), "en", input,
                        name == null ? null : name[0], name == null ? null : name[1]));
            }
        }
        return posts;
    }

    static ClassifierInput input(NormalizedEntry e) {
        return new ClassifierInput(e.title(), e.tags(), e.url(), PlainText.ofHtml(e.contentHtml()), null, e.published());
    }

    private static List<ParsedItem> parse(byte[] bytes, String contentType) {
        try {
            return new FeedParser().parse(bytes, contentType, "https://posts.example/feed.xml").items();
        } catch (Exception e) {
            throw new IllegalStateException("labelled feed unreadable", e);
        }
    }

    /** "SCaLE 20x" → [SCaLE, 20x]; "Agile Tour Toulouse 2009" → [Agile Tour Toulouse, 2009], "32C3" → [Chaos Communication Congress, 32C3]. */
    private static String[] splitName(String name) {
        int space = name.lastIndexOf(' ');
        if (space < 0) {
            return new String[]{"Chaos Communication Congress", name}; // "32C3"
        }
        return new String[]{name.substring(0, space), name.substring(space + 1)};
    }

    private static InputStream resource(String path) {
        return LabelledCorpus.class.getResourceAsStream("/" + path);
    }
}
