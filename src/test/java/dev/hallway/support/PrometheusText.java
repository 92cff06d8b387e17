package dev.hallway.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format read back into samples: {@code name{a="1",b="2"} value} lines, keyed by the
 * name and the labels in name order, so tests can compare scrapes sample by sample.
 */
public final class PrometheusText {

    private final Map<String, Double> samples = new TreeMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                parsed.add(line.trim());
            }
        }
        return parsed;
    }

    private void add(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            samples.put(key(line.substring(0, space), Map.of()), number(line.substring(space + 1)));
            return;
        }
        Map<String, String> labels = new TreeMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String name = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        samples.put(key(line.substring(0, brace), labels), number(line.substring(i + 1)));
    }

    /** The value, without the optional timestamp after it. */
    private static double number(String rest) {
        String value = rest.trim().split(" ")[0];
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
        return key.append('}').toString();
    }

    /** The value of one sample; labels as name, value pairs. Fails if the scrape has no such sample. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Double value = samples.get(key(name, wanted));
        if (value == null) {
            throw new AssertionError("no sample " + key(name, wanted) + " among " + matching(name));
        }
        return value;
    }

    /** Every sample key of a metric name (name{labels}), for checks on label values. */
    public Set<String> matching(String name) {
        Set<String> keys = new java.util.TreeSet<>();
        for (String key : samples.keySet()) {
            if (key.startsWith(name + "{")) {
                keys.add(key);
            }
        }
        return keys;
    }
}
