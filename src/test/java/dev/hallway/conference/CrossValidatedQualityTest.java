package dev.hallway.conference;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quality floors on leave-one-blog-out figures only: every post is scored by a model trained without its blog, so
 * nothing here can be flattered by posts the weights were fitted on. Prints the whole report (bench/classifier-cv.sh
 * prints the same). The floors sit a little under today's figures, to catch a regression, not to state a target.
 */
class CrossValidatedQualityTest {

    @Test
    void leaveOneBlogOutPrecisionRecallAndEditionStayAboveTheirFloors() {
        List<LabelledCorpus.Post> posts = LabelledCorpus.all();
        List<CrossValidation.Decision> decisions = CrossValidation.leaveOneBlogOut(posts, Trainers.model());
        System.out.print(CrossValidation.report(decisions, 10));
        CrossValidation.Figures all = CrossValidation.Figures.of(decisions);
        assertTrue(posts.size() >= 700, "labelled posts: " + posts.size());
        // 1,883 posts: 0.767 / 0.611 / 0.943 (extra2 … extra13, blogs the model was never tuned on, are harder: the
        // 1,662 posts before extra11 joined gave 0.774 / 0.618 / 0.941, the 1,300 before extra7 0.798 / 0.666 / 0.959)
        assertTrue(all.precision() >= 0.76, "precision " + all.line());
        assertTrue(all.recall() >= 0.595, "recall " + all.line());
        assertTrue(all.exactEdition() >= 0.935, "exact edition " + all.line());
    }

    /** The weights in the build are the ones the training command fits on the labelled posts of the repository. */
    @Test
    void theShippedModelIsTheOneTrainedOnTheLabelledPosts() {
        ReportModelTrainer trainer = new ReportModelTrainer(Catalogue.of(Catalogue.builtIn(), List.of()));
        ReportModel fresh = trainer.train(LabelledCorpus.all(), "check");
        ReportModel shipped = ReportModel.builtIn();
        assertEquals(fresh.weights().keySet(), shipped.weights().keySet(),
                "features changed: retrain (README, Conferences → Training)");
        for (Map.Entry<String, Double> w : fresh.weights().entrySet()) {
            assertEquals(w.getValue(), shipped.weights().get(w.getKey()), 0.002,
                    w.getKey() + ": the shipped weights are stale; retrain (README, Conferences → Training)");
        }
        assertEquals(fresh.bias(), shipped.bias(), 0.002);
    }

    @Test
    void theOpenDataSetsLicenceShipsWithIt() throws Exception {
        assertTrue(Files.readString(Path.of("src/main/resources/conferences/conference-data-LICENSE.md")).contains("MIT"));
    }
}
