package dev.hallway.conference;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cue lexicon matches whole words in spaced languages and anywhere in Japanese and Korean. */
class CueLexiconTest {

    private static final CueLexicon LEXICON = CueLexicon.builtIn();

    @Test
    void spacedLanguagesMatchWholeWordsOnly() {
        assertEquals(List.of("recap"), LEXICON.find("fosdem 2019 recap", 2).get("looking-back"));
        assertFalse(LEXICON.find("recapitalisation of the bank", 2).containsKey("looking-back"));
        assertTrue(LEXICON.find("retour sur le breizhcamp", 2).containsKey("looking-back"));
        assertTrue(LEXICON.find("rückblick auf die froscon", 2).containsKey("looking-back"));
    }

    @Test
    void czechMatchesWholeWordsWithAndWithoutDiacritics() {
        Map<String, List<String>> title = LEXICON.find("dojmy z konference devconf.cz 2019", 2);
        assertTrue(title.containsKey("looking-back"), title.toString());
        assertTrue(LEXICON.find("postrehy z openaltu 2018", 2).containsKey("looking-back"));
        Map<String, List<String>> ahead = LEXICON.find("příští týden budu na konferenci jopenspace, uvidíme se tam!", 2);
        assertTrue(ahead.containsKey("looking-forward"), ahead.toString());
        assertFalse(ahead.containsKey("looking-back"), ahead.toString());
        // inflected forms are separate phrases: "dojmy" does not match inside "dojmech"
        assertFalse(LEXICON.find("o svých dojmech mluvit nebudu", 2).containsKey("looking-back"));
    }

    @Test
    void japaneseAndKoreanMatchInsideTheText() {
        Map<String, List<String>> ja = LEXICON.find("pycon jp 2019に参加してきました", 2);
        assertTrue(ja.containsKey("first-person-past") || ja.containsKey("looking-back"), ja.toString());
        Map<String, List<String>> ko = LEXICON.find("deview 2023 후기", 2);
        assertTrue(ko.containsKey("looking-back"), ko.toString());
    }

    @Test
    void everyGroupTheFeaturesReadIsInTheLexiconInTenLanguages() {
        for (String group : ReportFeatures.CUE_GROUPS) {
            assertFalse(LEXICON.phrases(group).isEmpty(), group);
        }
        assertFalse(LEXICON.phrases("event-words").isEmpty());
        assertFalse(LEXICON.phrases("day-marker").isEmpty());
    }
}
