package dev.hallway.conference;

/** One reason behind a classification: which rule fired, on which words, and how much it weighed. */
@io.quarkus.runtime.annotations.RegisterForReflection // bound by our own ObjectMappers, also in a native image
public record Evidence(String rule, String text, double weight) {
}
