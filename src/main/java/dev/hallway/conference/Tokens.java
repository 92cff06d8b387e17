package dev.hallway.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text cut into words (runs of letters and digits), each with its original spelling and place. */
final class Tokens {

    record Token(String text, String lower, int start, int end) {
        boolean isYear() {
            return text.length() == 4 && text.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(text) >= 1990 && Integer.parseInt(text) <= 2099;
        }

        boolean isNumber() {
            return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
        }

        boolean isCapitalized() {
            return Character.isUpperCase(text.charAt(0));
        }
    }

    final String source;
    final List<Token> list;

    private Tokens(String source, List<Token> list) {
        this.source = source;
        this.list = list;
    }

    static Tokens of(String text) {
        String s = text == null ? "" : text;
        List<Token> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean word = i < s.length() && Character.isLetterOrDigit(s.charAt(i));
            // Japanese and Korean write no spaces: "2019に参加" is the year, then the words
            boolean scriptChange = word && start >= 0 && isCjk(s.charAt(i)) != isCjk(s.charAt(i - 1));
            if (word && start < 0) {
                start = i;
            } else if ((!word || scriptChange) && start >= 0) {
                String t = s.substring(start, i);
                tokens.add(new Token(t, t.toLowerCase(Locale.ROOT), start, i));
                start = word ? i : -1;
            }
        }
        return new Tokens(s, tokens);
    }

    static boolean isCjk(char c) {
        if (c < 0x2E80) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    int size() {
        return list.size();
    }

    Token get(int i) {
        return list.get(i);
    }

    /** The characters between two tokens (the first one's end, the second one's start). */
    String gap(int before, int after) {
        return source.substring(list.get(before).end(), list.get(after).start());
    }

    /** The character just before a token, or 0. */
    char charBefore(int i) {
        int at = list.get(i).start() - 1;
        return at >= 0 ? source.charAt(at) : 0;
    }

    String span(int from, int to) {
        return source.substring(list.get(from).start(), list.get(to - 1).end());
    }
}
