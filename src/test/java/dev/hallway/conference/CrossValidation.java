package dev.hallway.conference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Leave-one-blog-out cross-validation: train on every blog but one, classify that one's posts, repeat for every
 * blog. No post is ever scored by a model that saw its blog, so the figures say how the classifier does on blogs it
 * has never seen. Scored like ../shared/tools/eval_conferences.py (series and edition, lenient about names).
 */
final class CrossValidation {

    /** Turns training posts into a classifier of posts. */
    interface Trainer extends Function<List<LabelledCorpus.Post>, Function<LabelledCorpus.Post, Verdict>> {
    }

    /**
     * @param nearest     the most probable candidate, decided or not (for explaining a miss)
     * @param probability its probability, unrounded (0 without a candidate)
     */
    record Verdict(Classification decided, Classification nearest, double probability) {
    }

    enum Outcome { RIGHT, WRONG_EDITION, WRONG_SERIES, FALSE_REPORT, MISSED, RIGHT_NONE }

    record Decision(LabelledCorpus.Post post, Classification got, Outcome outcome, Classification nearest,
                    double probability) {
        String describe() {
            String title = post.input().title();
            return String.format(Locale.ROOT, "%-13s %-28s %s -> %s (want %s)%s", outcome, post.blog(),
                    title == null ? "" : title.length() > 70 ? title.substring(0, 70) + "…" : title,
                    got == null ? "none" : got.name() + " [" + got.confidence() + "]", post.expected(),
                    got != null ? "  " + topEvidence(got) : nearest == null ? "  (no candidate)"
                            : "  nearest " + nearest.name() + " [" + nearest.confidence() + "] " + topEvidence(nearest));
        }

        private static String topEvidence(Classification c) {
            return c.evidence().stream().sorted(Comparator.comparingDouble(e -> -Math.abs(e.weight()))).limit(4)
                    .map(e -> e.rule() + "=" + String.format(Locale.ROOT, "%.1f", e.weight())).toList().toString();
        }
    }

    record Figures(int right, int wrongEdition, int wrongSeries, int falseReport, int missed, int rightNone) {
        static Figures of(List<Decision> ds) {
            int[] n = new int[Outcome.values().length];
            ds.forEach(d -> n[d.outcome().ordinal()]++);
            return new Figures(n[0], n[1], n[2], n[3], n[4], n[5]);
        }

        double precision() {
            int said = right + wrongEdition + wrongSeries + falseReport;
            return said == 0 ? 1 : right / (double) said;
        }

        double recall() {
            int reports = right + wrongEdition + wrongSeries + missed;
            return reports == 0 ? 1 : right / (double) reports;
        }

        /** Of the reports put in the right series, the share put in the right edition too. */
        double exactEdition() {
            return right + wrongEdition == 0 ? 1 : right / (double) (right + wrongEdition);
        }

        int posts() {
            return right + wrongEdition + wrongSeries + falseReport + missed + rightNone;
        }

        int reports() {
            return right + wrongEdition + wrongSeries + missed;
        }

        String line() {
            return String.format(Locale.ROOT, "posts %4d reports %4d  precision %.3f  recall %.3f  exact edition %.3f"
                            + "  (right %d, wrong edition %d, wrong series %d, false reports %d, missed %d)",
                    posts(), reports(), precision(), recall(), exactEdition(), right, wrongEdition, wrongSeries, falseReport, missed);
        }
    }

    private CrossValidation() {
    }

    static List<Decision> leaveOneBlogOut(List<LabelledCorpus.Post> posts, Trainer trainer) {
        Map<String, List<LabelledCorpus.Post>> byBlog = new TreeMap<>();
        posts.forEach(p -> byBlog.computeIfAbsent(p.blog(), k -> new ArrayList<>()).add(p));
        List<Decision> decisions = new ArrayList<>();
        for (Map.Entry<String, List<LabelledCorpus.Post>> blog : byBlog.entrySet()) {
            List<LabelledCorpus.Post> training = posts.stream().filter(p -> !p.blog().equals(blog.getKey())).toList();
            Function<LabelledCorpus.Post, Verdict> classifier = trainer.apply(training);
            for (LabelledCorpus.Post p : blog.getValue()) {
                Verdict v = classifier.apply(p);
                decisions.add(judge(p, v.decided(), v.nearest(), v.probability()));
            }
        }
        return decisions;
    }

    static Decision judge(LabelledCorpus.Post p, Classification got, Classification nearest, double probability) {
        Outcome outcome;
        if (!p.report()) {
            outcome = got == null ? Outcome.RIGHT_NONE : Outcome.FALSE_REPORT;
        } else if (got == null) {
            outcome = Outcome.MISSED;
        } else if (LenientMatch.matches(got, p.series(), p.edition())) {
            outcome = Outcome.RIGHT;
        } else {
            outcome = sameSeries(got, p.series()) ? Outcome.WRONG_EDITION : Outcome.WRONG_SERIES;
        }
        return new Decision(p, got, outcome, nearest, probability);
    }

    private static boolean sameSeries(Classification got, String series) {
        Set<String> a = words(got.seriesName()), b = words(series);
        return !a.isEmpty() && !b.isEmpty() && (a.containsAll(b) || b.containsAll(a));
    }

    private static Set<String> words(String s) {
        Set<String> w = new HashSet<>(List.of((s == null ? "" : s.toLowerCase(Locale.ROOT)).split("[^a-z0-9]+")));
        w.removeAll(Set.of("", "conference", "conf", "the", "de", "and", "days", "day"));
        return w;
    }

    /** Overall, per language, per blog, and the worst mistakes. */
    static String report(List<Decision> decisions, int worst) {
        StringBuilder out = new StringBuilder();
        out.append("leave-one-blog-out, all: ").append(Figures.of(decisions).line()).append('\n');
        for (Map.Entry<String, List<Decision>> e : group(decisions, d -> d.post().lang()).entrySet()) {
            out.append(String.format(Locale.ROOT, "  lang %-4s %s%n", e.getKey(), Figures.of(e.getValue()).line()));
        }
        for (Map.Entry<String, List<Decision>> e : group(decisions, d -> d.post().blog().replaceAll(":.*", "")).entrySet()) {
            out.append(String.format(Locale.ROOT, "  set  %-9s %s%n", e.getKey(), Figures.of(e.getValue()).line()));
        }
        for (Map.Entry<String, List<Decision>> e : group(decisions.stream().filter(d -> d.post().id().startsWith("dv")).toList(),
                d -> d.post().id().substring(0, 3)).entrySet()) {
            out.append(String.format(Locale.ROOT, "  part %-9s %s%n", e.getKey(), Figures.of(e.getValue()).line()));
        }
        out.append(thresholds(decisions));
        out.append("per blog (blogs with a mistake):\n");
        for (Map.Entry<String, List<Decision>> e : group(decisions, d -> d.post().blog()).entrySet()) {
            Figures f = Figures.of(e.getValue());
            if (f.right() + f.rightNone() < f.posts()) {
                out.append(String.format(Locale.ROOT, "  %-48s %s%n", e.getKey(), f.line()));
            }
        }
        List<Decision> mistakes = decisions.stream().filter(d -> d.outcome() != Outcome.RIGHT && d.outcome() != Outcome.RIGHT_NONE)
                .sorted(Comparator.comparingDouble(d -> -(d.got() == null ? 0.5 : d.got().confidence()))).toList();
        out.append("worst mistakes (").append(Math.min(worst, mistakes.size())).append(" of ").append(mistakes.size()).append("):\n");
        mistakes.stream().limit(worst).forEach(d -> out.append("  ").append(d.describe()).append('\n'));
        return out.toString();
    }

    /**
     * The same decisions at other report thresholds (hallway.conferences.report-threshold): each post's most probable
     * candidate is a report when its probability reaches the threshold. How much precision a higher one buys.
     */
    static String thresholds(List<Decision> decisions) {
        StringBuilder out = new StringBuilder("at other thresholds (the most probable candidate decides):\n");
        for (double t : new double[]{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            List<Decision> at = decisions.stream().map(d -> judge(d.post(),
                    d.nearest() != null && d.probability() >= t ? d.nearest() : null, d.nearest(), d.probability())).toList();
            out.append(String.format(Locale.ROOT, "  threshold %.1f  %s%n", t, Figures.of(at).line()));
        }
        return out.toString();
    }

    private static Map<String, List<Decision>> group(List<Decision> ds, Function<Decision, String> key) {
        Map<String, List<Decision>> g = new TreeMap<>();
        ds.forEach(d -> g.computeIfAbsent(key.apply(d), k -> new ArrayList<>()).add(d));
        return g;
    }

    /** Prints the figures; {@code --all} lists every mistake instead of the ten worst. */
    public static void main(String[] args) {
        List<LabelledCorpus.Post> posts = LabelledCorpus.all();
        if (List.of(args).contains("--costs")) {
            costs(posts);
            return;
        }
        List<Decision> decisions = leaveOneBlogOut(posts, Trainers.model());
        System.out.print(report(decisions, List.of(args).contains("--all") ? Integer.MAX_VALUE : 10));
        costs(posts);
    }

    /** What the classifier costs in the service: heap of the catalogue and its indexes, CPU per post classified. */
    static void costs(List<LabelledCorpus.Post> posts) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        ConferenceClassifier classifier = new ConferenceClassifier(Catalogue.of(Catalogue.builtIn(), List.of()));
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "catalogue: %d series, classifier heap ≈ %.1f MB%n", classifier.catalogue().size(),
                (after - before) / 1e6);
        for (int round = 0; round < 5; round++) { // warm up, then measure
            long start = System.nanoTime();
            int n = 0;
            for (LabelledCorpus.Post p : posts) {
                classifier.classify(p.input());
                n++;
            }
            if (round == 4) {
                System.out.printf(Locale.ROOT, "classification: %.3f ms per post (%d labelled posts, warm)%n",
                        (System.nanoTime() - start) / 1e6 / n, n);
            }
        }
    }
}
