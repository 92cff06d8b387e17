package dev.hallway.conference;

import java.util.List;

/**
 * The conference edition a post reports on.
 *
 * @param slug       the edition's slug: fosdem-2019, scale-20x
 * @param series     the series' slug: fosdem
 * @param edition    the edition as written: "2019", "20x"
 * @param name       the edition's display name: "FOSDEM 2019", "SCaLE 20x"
 * @param detected   true when the event is not in the catalogue and was named from the post itself
 * @param inferred   true when the post names no edition and it was inferred from the post date
 * @param pinned     true when an operator set it by hand
 */
public record Classification(String slug, String series, String seriesName, String edition, String name, Integer year,
                             double confidence, boolean detected, boolean inferred, boolean pinned,
                             List<Evidence> evidence) {
}
