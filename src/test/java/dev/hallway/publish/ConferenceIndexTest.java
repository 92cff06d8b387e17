package dev.hallway.publish;

import dev.hallway.conference.DatedEdition;
import dev.hallway.entry.ConferenceEditions.EditionSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConferenceIndexTest {

    private static EditionSummary edition(String slug, String edition, Integer year, Instant lastReport) {
        return new EditionSummary(slug, "scale", "SCaLE", edition, "SCaLE " + edition, year, false, 1, lastReport, lastReport);
    }

    @Test
    void editionsAreOrderedByEditionNotByTheirLatestReport() {
        Instant early = Instant.parse("2020-01-01T00:00:00Z"), late = Instant.parse("2025-01-01T00:00:00Z");
        List<EditionSummary> editions = List.of(edition("scale-9x", "9x", null, late), edition("scale-20x", "20x", null, early),
                edition("scale-22x", "22x", 2025, early), edition("scale-21x", "21x", 2024, late));
        assertEquals(List.of("scale-22x", "scale-21x", "scale-20x", "scale-9x"),
                editions.stream().sorted(EditionOrder.NEWEST_FIRST).map(EditionSummary::slug).toList(),
                "by year, then the edition's number (20x after 9x), no year last");
        assertEquals(20, EditionOrder.leadingNumber("20x"));
        assertEquals(2024, EditionOrder.leadingNumber("Amsterdam 2024"));
        assertEquals(-1, EditionOrder.leadingNumber("Fall"));
    }

    @Test
    void theNextEditionIsTheFirstStartingAfterToday() {
        List<DatedEdition> dated = List.of(new DatedEdition(2025, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 2), "Brussels"),
                new DatedEdition(2026, LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 2), "Brussels"));
        assertEquals("31 Jan – 2 Feb 2026", ConferenceIndex.next(dated, LocalDate.of(2025, 2, 1)).dates(),
                "an edition starting today is under way, not next");
        assertEquals("2025-02-01", ConferenceIndex.next(dated, LocalDate.of(2025, 1, 31)).start());
        assertNull(ConferenceIndex.next(dated, LocalDate.of(2026, 1, 31)));
    }

    @Test
    void datesAreWrittenShort() {
        assertEquals("1 Jun 2018", ConferenceIndex.dates(LocalDate.of(2018, 6, 1), LocalDate.of(2018, 6, 1)));
        assertEquals("4–5 Feb 2023", ConferenceIndex.dates(LocalDate.of(2023, 2, 4), LocalDate.of(2023, 2, 5)));
        assertEquals("31 Jan – 2 Feb 2026", ConferenceIndex.dates(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 2)));
        assertEquals("30 Dec 2026 – 2 Jan 2027", ConferenceIndex.dates(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 2)));
    }

    @Test
    void theChartPutsTheOldestEditionLeftAndScalesBarsToTheLargestCount() {
        List<EditionSummary> editions = List.of(
                new EditionSummary("fosdem-2020", "fosdem", "FOSDEM", "2020", "FOSDEM 2020", 2020, false, 4, null, null),
                new EditionSummary("fosdem-2019", "fosdem", "FOSDEM", "2019", "FOSDEM 2019", 2019, false, 2, null, null));
        EditionChart chart = EditionChart.of("FOSDEM", editions);
        assertEquals(List.of("2019", "2020"), chart.bars().stream().map(EditionChart.Bar::label).toList());
        assertEquals(EditionChart.BASELINE - EditionChart.TOP, chart.bars().get(1).barHeight(), "the largest fills the plot");
        assertEquals(chart.bars().get(1).barHeight() / 2, chart.bars().get(0).barHeight());
        assertEquals("Reports per edition of FOSDEM, oldest edition on the left: FOSDEM 2019: 2 reports; FOSDEM 2020: 4 reports.",
                chart.description());
    }
}
