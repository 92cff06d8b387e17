package dev.hallway.conference;

/**
 * The characters a pattern of the form {@code prefix + "(alternative|alternative…)…"} can start a match with, read
 * from the pattern's text: the first literal character of each alternative, nested groups followed. Whatever this
 * cannot be sure of (a class, an escape, an optional first element) gives null, "could start anywhere".
 */
final class RegexStarts {

    private static final String META = "\\[](){}.*+?^$|";

    private RegexStarts() {
    }

    static String afterWordBoundary(String regex, String prefix) {
        if (!regex.startsWith(prefix)) {
            return null;
        }
        StringBuilder starts = new StringBuilder();
        int end = group(regex, prefix.length(), starts);
        return end < 0 || optional(regex, end) ? null : starts.toString();
    }

    /** Reads the group opening at {@code open}; adds its alternatives' first characters. @return the index after it, or -1 */
    private static int group(String regex, int open, StringBuilder starts) {
        if (open >= regex.length() || regex.charAt(open) != '(' || regex.startsWith("(?", open)) {
            return -1;
        }
        int i = open + 1;
        while (true) { // one alternative per turn: its first element, then skip to the next '|' or ')' at this depth
            if (i >= regex.length()) {
                return -1;
            }
            char c = regex.charAt(i);
            int afterFirst;
            if (c == '(') {
                afterFirst = group(regex, i, starts);
                if (afterFirst < 0) {
                    return -1;
                }
            } else if (META.indexOf(c) < 0) {
                starts.append(c);
                afterFirst = i + 1;
            } else {
                return -1; // a class, an escape, an empty alternative…
            }
            if (optional(regex, afterFirst)) {
                return -1;
            }
            int depth = 0;
            for (i = afterFirst; ; i++) {
                if (i >= regex.length()) {
                    return -1;
                }
                char d = regex.charAt(i);
                if (d == '\\') {
                    i++;
                } else if (d == '[') {
                    while (i < regex.length() && regex.charAt(i) != ']') {
                        i++;
                    }
                } else if (d == '(') {
                    depth++;
                } else if (d == ')' && depth > 0) {
                    depth--;
                } else if (d == ')') {
                    return i + 1;
                } else if (d == '|' && depth == 0) {
                    i++;
                    break;
                }
            }
        }
    }

    private static boolean optional(String regex, int at) {
        return at < regex.length() && "?*{".indexOf(regex.charAt(at)) >= 0;
    }
}
