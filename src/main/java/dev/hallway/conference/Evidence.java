package dev.hallway.conference;

/** One reason behind a classification: which rule fired, on which words, and how much it weighed. */
public record Evidence(String rule, String text, double weight) {
}
