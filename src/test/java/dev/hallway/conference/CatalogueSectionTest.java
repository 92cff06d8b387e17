package dev.hallway.conference;

import dev.hallway.source.FeedsConfig;
import dev.hallway.source.FeedsFileException;
import dev.hallway.source.FeedsFileLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** feeds.yaml's conferences: part is checked by this package, through the file loader, with lines to fix. */
class CatalogueSectionTest {

    private final FeedsFileLoader loader = new FeedsFileLoader(Duration.ofMinutes(30), new CatalogueSection());

    private FeedsFileException refused(String conferences) {
        return assertThrows(FeedsFileException.class, () -> loader.parse("feeds.yaml",
                "feeds:\n  - url: https://example.org/feed.xml\nconferences:\n" + conferences));
    }

    @Test
    void additionsAndOverridesAreReadIntoTheCatalogue() throws Exception {
        FeedsConfig config = loader.parse("feeds.yaml", """
                feeds:
                  - url: https://example.org/feed.xml
                conferences:
                  - slug: kielux
                    name: Kieler Open Source und Linux Tage
                    aliases: [KieLux]
                    month: 9
                  - slug: fosdem
                    aliases: [Free and Open Source Developers' European Meeting]
                """);
        List<ConferenceSeries> series = CatalogueSection.read(config.conferences());
        assertEquals(List.of("kielux", "fosdem"), series.stream().map(ConferenceSeries::slug).toList());
        assertEquals(List.of(9), series.get(0).month(), "a single month is read as a list");
        Catalogue catalogue = Catalogue.of(Catalogue.builtIn(), series);
        assertEquals("Kieler Open Source und Linux Tage", catalogue.series("kielux").name());
        assertEquals("FOSDEM", catalogue.series("fosdem").name(), "an override keeps the built-in fields it does not give");
        assertTrue(catalogue.series("fosdem").aliases().contains("Free and Open Source Developers' European Meeting"));
    }

    @Test
    void aBadSlugIsRefusedAtItsEntry() {
        FeedsFileException e = refused("  - slug: Not A Slug\n    name: Something\n");
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.problem().contains("slug of lower-case letters"), e.getMessage());
    }

    @Test
    void aNewSeriesWithoutANameIsRefused() {
        FeedsFileException e = refused("  - slug: fosdem\n  - slug: brand-new-conf\n");
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.problem().contains("brand-new-conf is not in the built-in catalogue, so it needs a name"), e.getMessage());
    }

    @Test
    void aSeriesListedTwiceIsRefusedAtTheSecond() {
        FeedsFileException e = refused("  - slug: fosdem\n  - slug: fosdem\n");
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.problem().contains("listed twice"), e.getMessage());
    }

    @Test
    void badEditionsOrdinalAndMonthAreRefused() {
        assertTrue(refused("  - slug: x-conf\n    name: X\n    editions: yearly\n").problem().contains("editions must be"));
        assertTrue(refused("  - slug: x-conf\n    name: X\n    editions: ordinal\n").problem().contains("ordinal conference needs"));
        FeedsFileException month = refused("  - slug: x-conf\n    name: X\n    month: [2, 13]\n");
        assertEquals(6, month.line(), month.getMessage());
        assertTrue(month.problem().contains("month must be 1 to 12"), month.getMessage());
    }

    @Test
    void anUnknownKeyIsRefusedAtTheKeyWithTheAllowedOnes() {
        FeedsFileException e = refused("  - slug: x-conf\n    name: X\n    alias: [XC]\n");
        assertEquals(6, e.line(), e.getMessage());
        assertEquals(5, e.column(), e.getMessage());
        assertTrue(e.problem().contains("unknown key 'alias' in 'conferences[0]'") && e.problem().contains("aliases"), e.getMessage());
    }

    @Test
    void aWrongTypeIsRefusedWithItsPath() {
        FeedsFileException e = refused("  - slug: x-conf\n    name: X\n    month: [february]\n");
        assertTrue(e.problem().startsWith("wrong type in 'conferences[0].month"), e.getMessage());
        assertEquals(6, e.line(), e.getMessage());
    }

    @Test
    void theShippedFeedsFileIsValid() {
        FeedsConfig config = loader.load(java.nio.file.Path.of("feeds.yaml"));
        assertTrue(config.feeds().size() >= 8);
    }
}
