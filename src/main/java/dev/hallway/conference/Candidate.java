package dev.hallway.conference;

import java.util.List;

/**
 * One edition a post might report on: a catalogued series named somewhere in the post, or an event the post names
 * that no catalogue lists, with the edition written beside the name or inferred from the post date.
 *
 * @param mentions    where the post names the series
 * @param editionFrom where the edition came from: the field it was written in, or null when inferred from the date
 * @param dates       the edition's real dates when the data set has them, else null
 * @param detected    true for an event that no catalogue lists, named from the post itself
 */
record Candidate(ConferenceSeries series, Edition edition, Mention.Field editionFrom, List<Mention> mentions,
                 DatedEdition dates, boolean detected) {

    boolean inferred() {
        return editionFrom == null;
    }

    boolean namedIn(Mention.Field field) {
        return mentions.stream().anyMatch(m -> m.field() == field);
    }

    long mentionsIn(Mention.Field field) {
        return mentions.stream().filter(m -> m.field() == field).count();
    }

    String name() {
        return series.name() + " " + edition.label();
    }
}
