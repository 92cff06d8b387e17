package dev.hallway.conference;

import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.normalize.PlainText;
import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedItem;
import dev.hallway.support.Seed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seed posts of ../shared/seeds, as fixture feeds, get exactly the editions ../shared/README.md lists. */
class SeedClassificationTest {

    static final ConferenceClassifier CLASSIFIER = new ConferenceClassifier(Catalogue.of(Catalogue.builtIn(), List.of()));

    /** Title → expected edition slug, or null for "not a report". */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("FOSDEM 2019 Recap: Global Technology, Local Community", "fosdem-2019");
        EXPECTED.put("FOSDEM'20 Brussels", "fosdem-2020");
        EXPECTED.put("FOSDEM’2020 Brussels", "fosdem-2020");
        EXPECTED.put("Bringing TiKV to Rust Devroom at FOSDEM 2018", "fosdem-2018");
        EXPECTED.put("2024 Open Source Founders Summit", "open-source-founders-summit-2024");
        EXPECTED.put("Amazon Web Services – Two Years In", null);
        EXPECTED.put("Computer Nostalgia", null);
        EXPECTED.put("2024 FOSS Backstage", "foss-backstage-2024");
        EXPECTED.put("This Blog Can Now Vote", null);
        EXPECTED.put("Using rclone to Sync Data to the Cloud", null);
        EXPECTED.put("2023 Percona Live – Day 2", "percona-live-2023");
        EXPECTED.put("2023 Percona Live – Day 1", "percona-live-2023");
        EXPECTED.put("2023 Percona Live – Day 0", "percona-live-2023");
        EXPECTED.put("SCaLE 20x – Day 3", "scale-20x");
        EXPECTED.put("Feedback on DotScale conference 2015", "dotscale-2015");
        EXPECTED.put("Five Questions Before You Move a Database to Kubernetes", null);
    }

    static Map<String, Classification> classifySeeds() throws Exception {
        Map<String, Classification> result = new LinkedHashMap<>();
        for (Seed feed : Seed.values()) {
            for (ParsedItem item : new FeedParser().parse(feed.bytes(), feed.contentType(), "https://example.org/feed").items()) {
                NormalizedEntry e = EntryNormalizer.normalize(item, Instant.parse("2026-11-23T00:00:00Z"));
                result.put(e.title(), CLASSIFIER.classify(new ClassifierInput(e.title(), e.tags(), e.url(),
                        PlainText.ofHtml(e.contentHtml()), null, e.published())));
            }
        }
        return result;
    }

    @Test
    void everySeedPostGetsItsEditionAndEveryNonReportNone() throws Exception {
        Map<String, Classification> got = classifySeeds();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> expected : EXPECTED.entrySet()) {
            Classification c = got.get(expected.getKey());
            String slug = c == null ? null : c.slug();
            if (!java.util.Objects.equals(expected.getValue(), slug)) {
                wrong.add(expected.getKey() + ": expected " + expected.getValue() + ", got " + slug
                        + (c == null ? "" : " " + c.evidence()));
            }
        }
        assertEquals(EXPECTED.size(), got.size(), "every seed post was classified: " + got.keySet());
        assertEquals(List.of(), wrong);
    }

    /** The post date is evidence: the same report found years after the event is less certain, and says why. */
    @Test
    void aReportDatedYearsAfterTheEventIsLessCertain() {
        String text = "I attended FOSDEM in Brussels last weekend and gave a talk in a devroom. The hallway track was great.";
        Classification soon = CLASSIFIER.classify(new ClassifierInput("FOSDEM 2019 recap", List.of(), "https://blog.example/p",
                text, null, Instant.parse("2019-02-11T10:00:00Z")));
        Classification late = CLASSIFIER.classify(new ClassifierInput("FOSDEM 2019 recap", List.of(), "https://blog.example/p",
                text, null, Instant.parse("2026-11-17T10:00:00Z")));
        org.junit.jupiter.api.Assertions.assertNotNull(soon);
        double lateConfidence = late == null ? 0 : late.confidence();
        org.junit.jupiter.api.Assertions.assertTrue(lateConfidence < soon.confidence(), soon.confidence() + " vs " + lateConfidence);
        org.junit.jupiter.api.Assertions.assertTrue(soon.evidence().stream().anyMatch(e -> e.rule().equals("posted-within-two-weeks-after")));
    }

    @Test
    void theSeedsMakeTheEightGroupsOfTheReadme() throws Exception {
        Map<String, Integer> groups = new TreeMap<>();
        classifySeeds().forEach((title, c) -> {
            if (c != null && !title.startsWith("FOSDEM’2020")) { // the syndicated copy is one entry with the original
                groups.merge(c.name(), 1, Integer::sum);
            }
        });
        assertEquals(Map.of("FOSDEM 2018", 1, "FOSDEM 2019", 1, "FOSDEM 2020", 1, "Open Source Founders Summit 2024", 1,
                "FOSS Backstage 2024", 1, "Percona Live 2023", 3, "SCaLE 20x", 1, "dotScale 2015", 1), groups);
    }
}
