package dev.hallway.publish;

import dev.hallway.entry.ConferenceEditions.EditionSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of reports per edition, laid out here so the template only writes {@code <rect>}s and {@code <text>}s
 * (a server-rendered SVG, no script). Coordinates are in the SVG's viewBox units; the page scales it to its width.
 *
 * @param width  the viewBox width; the height is {@link #HEIGHT}
 * @param bars   oldest edition first
 */
public record EditionChart(int width, List<Bar> bars, String description) {

    static final int HEIGHT = 180;
    static final int SLOT = 56, BAR = 36, PAD = 10, TOP = 24, BASELINE = 150, LABEL_CHARS = 9;

    /** One edition: its bar, the count above it, its label below, and a title naming both for screen readers. */
    record Bar(String slug, String label, String title, long reports, int x, int y, int barWidth, int barHeight,
               int centre, int valueY) {
    }

    public int height() {
        return HEIGHT;
    }

    public int baseline() {
        return BASELINE;
    }

    public int labelY() {
        return BASELINE + 18;
    }

    public int right() {
        return width - PAD;
    }

    static EditionChart of(String seriesName, List<EditionSummary> editions) {
        List<EditionSummary> ordered = editions.stream().sorted(EditionOrder.OLDEST_FIRST).toList();
        long max = ordered.stream().mapToLong(EditionSummary::reports).max().orElse(1);
        int plot = BASELINE - TOP;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            EditionSummary e = ordered.get(i);
            int h = (int) Math.max(2, Math.round((double) plot * e.reports() / Math.max(1, max)));
            int x = PAD + i * SLOT + (SLOT - BAR) / 2;
            String title = e.name() + ": " + e.reports() + (e.reports() == 1 ? " report" : " reports");
            bars.add(new Bar(e.slug(), label(e), title, e.reports(), x, BASELINE - h, BAR, h, x + BAR / 2, BASELINE - h - 6));
        }
        int width = Math.max(2 * PAD + ordered.size() * SLOT, 240);
        String description = "Reports per edition of " + seriesName + ", oldest edition on the left: "
                + String.join("; ", bars.stream().map(Bar::title).toList()) + ".";
        return new EditionChart(width, bars, description);
    }

    /** The edition as written after the series' name ("2019", "20x"), short enough to sit under its bar. */
    private static String label(EditionSummary e) {
        String label = e.edition() != null && !e.edition().isBlank() ? e.edition() : e.name();
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }
}
