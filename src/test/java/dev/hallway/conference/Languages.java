package dev.hallway.conference;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rough guess of a post's language, for reporting figures per language: the script for Japanese and Korean,
 * then the most frequent function words among English, French, German, Spanish, Italian, Portuguese, Polish and Dutch.
 */
final class Languages {

    private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "is", "was", "we", "with", "for", "that", "this", "it"),
            "fr", Set.of("le", "la", "les", "des", "et", "est", "une", "pour", "dans", "qui", "sur", "nous", "du", "pas"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "wir", "ich", "auf", "für", "auch"),
            "es", Set.of("el", "los", "las", "y", "que", "es", "una", "para", "con", "por", "del", "como", "muy"),
            "it", Set.of("il", "che", "di", "e", "è", "una", "per", "con", "della", "sono", "gli", "anche", "del", "non"),
            "pt", Set.of("o", "os", "que", "é", "uma", "para", "com", "não", "do", "da", "em", "muito", "foi", "mais"),
            "pl", Set.of("i", "w", "na", "nie", "się", "jest", "to", "z", "że", "do", "jak", "o", "ale", "było"),
            "nl", Set.of("de", "het", "een", "en", "van", "is", "niet", "op", "voor", "met", "zijn", "ook", "wij", "dat"));

    private Languages() {
    }

    static String guess(String text) {
        if (text == null) {
            return "en";
        }
        int kana = 0, hangul = 0, han = 0;
        for (int i = 0; i < text.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(text.charAt(i));
            switch (script) {
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case HAN -> han++;
                default -> {
                }
            }
        }
        if (hangul > 20 && hangul > kana) {
            return "ko";
        }
        if (kana + han > 20) {
            return "ja";
        }
        Map<String, Integer> votes = new java.util.HashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            FUNCTION_WORDS.forEach((lang, words) -> {
                if (words.contains(word)) {
                    votes.merge(lang, 1, Integer::sum);
                }
            });
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("en");
    }
}
