package dev.hallway.conference;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision and recall of the classifier on real posts gathered from public blogs (fixtures/real-posts.yaml),
 * which the rules were not written from. Prints the figures and every miss; fails if quality drops below the floor.
 */
class RealPostsEvaluationTest {

    record Post(String url, String title, String date, List<String> tags, String text, String expected,
                String expected_name, String note) {
    }

    @Test
    void precisionAndRecallOnRealPosts() throws Exception {
        List<Post> posts;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/real-posts.yaml")) {
            posts = Catalogue.YAML.readValue(in, new TypeReference<>() {
            });
        }
        int truePositive = 0, falsePositive = 0, falseNegative = 0, wrongEdition = 0, trueNegative = 0;
        List<String> misses = new ArrayList<>();
        for (Post post : posts) {
            Instant date = post.date() == null ? null : LocalDate.parse(post.date()).atTime(12, 0).toInstant(ZoneOffset.UTC);
            Classification c = SeedClassificationTest.CLASSIFIER.classify(new ClassifierInput(post.title(),
                    post.tags() == null ? List.of() : post.tags(), post.url(), post.text(), null, date));
            String got = c == null ? null : c.slug();
            if (post.expected() == null && got == null) {
                trueNegative++;
            } else if (post.expected() == null) {
                falsePositive++;
                misses.add("FALSE REPORT  " + post.title() + " -> " + got);
            } else if (got == null) {
                falseNegative++;
                misses.add("MISSED        " + post.title() + " (expected " + post.expected() + ")");
            } else if (Objects.equals(post.expected(), got)) {
                truePositive++;
            } else {
                wrongEdition++;
                misses.add("WRONG EDITION " + post.title() + " -> " + got + " (expected " + post.expected() + ")");
            }
        }
        // a report put in the wrong edition counts against both precision and recall
        double precision = truePositive / (double) Math.max(1, truePositive + falsePositive + wrongEdition);
        double recall = truePositive / (double) Math.max(1, truePositive + falseNegative + wrongEdition);
        System.out.printf("real posts: %d (%d reports, %d non-reports): precision %.2f, recall %.2f "
                        + "(exact %d, wrong edition %d, missed %d, false reports %d, correct non-reports %d)%n",
                posts.size(), truePositive + falseNegative + wrongEdition, falsePositive + trueNegative,
                precision, recall, truePositive, wrongEdition, falseNegative, falsePositive, trueNegative);
        misses.forEach(m -> System.out.println("  " + m));
        assertTrue(precision >= 0.9, "precision " + precision);
        assertTrue(recall >= 0.85, "recall " + recall);
    }
}
