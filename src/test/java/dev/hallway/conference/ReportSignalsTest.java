package dev.hallway.conference;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReportSignalsTest {

    @Test
    void tryingOnlyWhereAPatternCanStartFindsWhatAPlainSearchFinds() throws Exception {
        List<RealPostsEvaluationTest.Post> posts;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/real-posts.yaml")) {
            posts = Catalogue.YAML.readValue(in, new TypeReference<>() {
            });
        }
        List<String> texts = new ArrayList<>();
        for (RealPostsEvaluationTest.Post post : posts) {
            texts.add(post.title());
            texts.add(post.text());
        }
        // and texts made of the signal words themselves, glued to letters, digits, apostrophes and emoji
        String[] parts = {"I attended ", "we went to ", "Rückblick", "retour sur ", "j'ai assisté", "call for papers",
                "ich war ", "habe FOSDEM besucht", "day 2", "Tag3", "xrecap", "recapx", "see you at ", "😀", "l'", "-",
                "it was a ", "great ", "CFP", " ", "\n", "9", "é"};
        Random rnd = new Random(7);
        for (int t = 0; t < 3000; t++) {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(12); i >= 0; i--) {
                b.append(parts[rnd.nextInt(parts.length)]);
            }
            texts.add(b.toString());
        }
        int signals = 0;
        for (String text : texts) {
            List<Evidence> lead = ReportSignals.inLead(text, true);
            assertEquals(ReportSignals.inLead(text, false), lead, text);
            assertEquals(ReportSignals.inTitle(text, false), ReportSignals.inTitle(text, true), text);
            signals += lead.size();
        }
        System.out.println("signals found in " + texts.size() + " texts: " + signals);
    }

    @Test
    void theStartsOfAPatternAreReadFromItsAlternatives() {
        String w = "(?<![\\p{L}])";
        assertEquals("iw", RegexStarts.afterWordBoundary(w + "(i|we) (attended|visited)(?![\\p{L}])", w));
        assertEquals("ifhhl", RegexStarts.afterWordBoundary(w + "(ich war|fand .{0,40}statt|(habe|hatte) x|letzte woche)", w));
        assertNull(RegexStarts.afterWordBoundary(w + "(a|b)?c", w), "an optional group can be skipped");
        assertNull(RegexStarts.afterWordBoundary(w + "(a|\\d+)", w), "an escape could be anything");
        assertNull(RegexStarts.afterWordBoundary(w + "(a|[xy])", w));
        assertNull(RegexStarts.afterWordBoundary(w + "(ab?|c*d)", w), "c* can be empty");
        assertNull(RegexStarts.afterWordBoundary("^\\s*(going to)", w), "not a word-start pattern");
    }
}
