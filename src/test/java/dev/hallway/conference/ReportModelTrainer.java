package dev.hallway.conference;

import com.fasterxml.jackson.databind.SerializationFeature;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fits the report model's weights on labelled posts: every candidate edition of every post is one example, positive
 * when the post is a report on that very edition. L2-regularised logistic regression (LIBLINEAR).
 * <p>
 * {@code main} trains on every labelled post in the test resources and writes src/main/resources/conferences/report-model.json:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.hallway.conference.ReportModelTrainer}
 */
final class ReportModelTrainer {

    static final double C = Double.parseDouble(System.getProperty("c", "1.0"));
    static final double THRESHOLD = Double.parseDouble(System.getProperty("threshold", "0.5"));
    private static final ReportModel UNTRAINED = new ReportModel("untrained", 0, THRESHOLD, Map.of(), Map.of());

    /** Candidates and features of each post, computed once: they do not depend on the weights. */
    private final Map<LabelledCorpus.Post, List<ConferenceClassifier.Scored>> candidates = new IdentityHashMap<>();
    private final ConferenceClassifier extractor;

    ReportModelTrainer(Catalogue catalogue) {
        this.extractor = new ConferenceClassifier(catalogue, UNTRAINED);
    }

    List<ConferenceClassifier.Scored> candidates(LabelledCorpus.Post post) {
        return candidates.computeIfAbsent(post, p -> extractor.score(p.input()));
    }

    boolean isTheReportedEdition(LabelledCorpus.Post post, ConferenceClassifier.Scored s) {
        return post.report() && LenientMatch.matches(extractor.classification(s), post.series(), post.edition());
    }

    ReportModel train(List<LabelledCorpus.Post> posts, String version) {
        List<Map<String, Double>> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (LabelledCorpus.Post post : posts) {
            for (ConferenceClassifier.Scored s : candidates(post)) {
                rows.add(s.features().values());
                labels.add(isTheReportedEdition(post, s) ? 1.0 : -1.0);
                names.addAll(s.features().values().keySet());
            }
        }
        List<String> index = new ArrayList<>(names);
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < index.size(); i++) {
            position.put(index.get(i), i + 1);
        }
        Problem problem = new Problem();
        problem.l = rows.size();
        problem.n = index.size() + 1;
        problem.bias = 1;
        problem.x = new Feature[rows.size()][];
        problem.y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Double> row = new TreeMap<>(rows.get(i)); // by name: the same order as the index
            Feature[] x = new Feature[row.size() + 1];
            int k = 0;
            for (Map.Entry<String, Double> f : row.entrySet()) {
                x[k++] = new FeatureNode(position.get(f.getKey()), f.getValue());
            }
            x[k] = new FeatureNode(index.size() + 1, 1);
            problem.x[i] = x;
            problem.y[i] = labels.get(i);
        }
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, C, 0.0001));
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] w = model.getFeatureWeights();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < index.size(); i++) {
            weights.put(index.get(i), Math.round(sign * w[i] * 10000) / 10000.0);
        }
        double bias = Math.round(sign * w[index.size()] * 10000) / 10000.0;
        Map<String, Object> trainedOn = new LinkedHashMap<>();
        trainedOn.put("posts", posts.size());
        trainedOn.put("reports", posts.stream().filter(LabelledCorpus.Post::report).count());
        trainedOn.put("blogs", posts.stream().map(LabelledCorpus.Post::blog).distinct().count());
        trainedOn.put("candidates", rows.size());
        trainedOn.put("solver", "LIBLINEAR L2R_LR, C=" + C);
        return new ReportModel(version, bias, THRESHOLD, weights, trainedOn);
    }

    /** A classifier for posts of the corpus, deciding with the given weights over the features computed once. */
    CrossValidation.Verdict classify(LabelledCorpus.Post post, ReportModel model) {
        ConferenceClassifier.Scored best = null;
        double bestP = -1;
        for (ConferenceClassifier.Scored s : candidates(post)) {
            double p = model.probability(s.features());
            if (p > bestP) {
                bestP = p;
                best = new ConferenceClassifier.Scored(s.candidate(), s.features(), p);
            }
        }
        if (best == null) {
            return new CrossValidation.Verdict(null, null, 0);
        }
        Classification nearest = new ConferenceClassifier(extractor.catalogue(), model).classification(best);
        return new CrossValidation.Verdict(bestP < model.threshold() ? null : nearest, nearest, bestP);
    }

    public static void main(String[] args) throws IOException {
        Catalogue catalogue = Catalogue.of(Catalogue.builtIn(), List.of());
        List<LabelledCorpus.Post> posts = LabelledCorpus.all();
        ReportModelTrainer trainer = new ReportModelTrainer(catalogue);
        ReportModel model = trainer.train(posts, LocalDate.now() + "-" + posts.size());
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/conferences/report-model.json");
        ReportModel.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), model);
        System.out.printf("trained on %s; %d weights written to %s%n", model.trainedOn(), model.weights().size(), out);
        model.weights().entrySet().stream().sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                .forEach(e -> System.out.printf("  %+.3f  %s%n", e.getValue(), e.getKey()));
        System.out.printf("  %+.3f  (bias)%n", model.bias());
    }
}
