package dev.hallway.conference;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a post reports on one conference edition, and which.
 * <ol>
 *   <li>{@link CandidateFinder}: every edition the post might be about — catalogued series named in the title, tags,
 *       URL slug, opening or the feed's hint, and events the post names beside an edition that no catalogue
 *       lists — with the edition written beside the name or inferred from the post date and the real dates.</li>
 *   <li>{@link ReportFeatures}: the evidence for each, as named features.</li>
 *   <li>{@link ReportModel}: learned weights turn each candidate's features into a probability; the most probable
 *       candidate wins if it clears the model's threshold. The features that weighed are kept as evidence.</li>
 * </ol>
 */
public final class ConferenceClassifier {

    /** A candidate with its features and probability: what training and explanations need. */
    record Scored(Candidate candidate, ReportFeatures.Vector features, double probability) {
    }

    private static final CueLexicon LEXICON = CueLexicon.builtIn();
    private static final ReportFeatures FEATURES = new ReportFeatures(LEXICON);
    private static final EventDetector DETECTOR = new EventDetector(LEXICON.phrases("event-words"),
            ReportFeatures.CUE_GROUPS.stream().flatMap(g -> LEXICON.phrases(g).stream()).toList());

    private final Catalogue catalogue;
    private final CandidateFinder finder;
    private final ReportModel model;

    public ConferenceClassifier(Catalogue catalogue) {
        this(catalogue, ReportModel.builtIn());
    }

    public ConferenceClassifier(Catalogue catalogue, double threshold) {
        this(catalogue, ReportModel.builtIn().withThreshold(threshold));
    }

    ConferenceClassifier(Catalogue catalogue, ReportModel model) {
        this.catalogue = catalogue;
        this.finder = new CandidateFinder(catalogue, DETECTOR, LEXICON.phrases("place-names"));
        this.model = model;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public ReportModel model() {
        return model;
    }

    /** @return the edition the post reports on, or null when it is not a conference report */
    public Classification classify(ClassifierInput post) {
        Scored best = null;
        for (Scored s : score(post)) {
            if (best == null || s.probability() > best.probability()) {
                best = s;
            }
        }
        return best == null || best.probability() < model.threshold() ? null : classification(best);
    }

    /**
     * The most probable candidate edition, even below the threshold (its confidence says how close it came): what an
     * operator reviewing "not a report" decisions wants to see. Null when the post names no event at all.
     */
    public Classification nearest(ClassifierInput post) {
        Scored best = null;
        for (Scored s : score(post)) {
            if (best == null || s.probability() > best.probability()) {
                best = s;
            }
        }
        return best == null ? null : classification(best);
    }

    /** Every candidate edition of a post with its features, scored by this classifier's model. */
    List<Scored> score(ClassifierInput post) {
        String lead = CandidateFinder.lead(post);
        List<Candidate> candidates = finder.find(post, lead);
        if (candidates.isEmpty()) {
            return List.of(); // most posts name no event: nothing else is read
        }
        // events are looked for in the opening, cues in the whole post (cross-validated: precision 0.772 → 0.788,
        // recall 0.681 → 0.689 over 980 posts, against cues in the opening only)
        ReportFeatures.PostCues cues = FEATURES.cues(post, CandidateFinder.cueText(post));
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            ReportFeatures.Vector v = FEATURES.of(post, c, candidates, cues);
            scored.add(new Scored(c, v, model.probability(v)));
        }
        return scored;
    }

    Classification classification(Scored s) {
        Candidate c = s.candidate();
        ConferenceSeries series = c.series();
        Edition edition = c.edition();
        Integer year = edition.year() != null ? edition.year() : c.dates() != null ? Integer.valueOf(c.dates().year()) : null;
        return new Classification(edition.slug(series.slug()), series.slug(), series.name(), edition.label(),
                c.name(), year, Math.round(s.probability() * 100) / 100.0, c.detected(), c.inferred(), false,
                List.copyOf(model.explain(s.features())));
    }
}
