package dev.hallway.source;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A part of feeds.yaml that another feature owns: the {@code conferences:} catalogue belongs to the conference
 * package. The source package reads the file and reports every error with its line; the owner says what its part
 * must hold, without the source package knowing its shape (the pipeline runs one way: sources know nothing of
 * classification). A file is refused as a whole when any part is.
 */
public interface FeedsFileSection {

    /**
     * Checks the part as written ({@code null} when the file has none).
     *
     * @throws Problem             a value to fix, with a JSON pointer inside the part ("/0/slug")
     * @throws JsonMappingException the part cannot be bound (unknown key, wrong type); its path is read inside the part
     */
    void check(JsonNode section) throws Problem, JsonMappingException;

    /** Takes any content: for checks of the rest of the file, in tests and tools. */
    FeedsFileSection ANY = section -> {
    };

    /** A value to fix in the part, at {@code pointer} (a JSON pointer relative to the part). */
    final class Problem extends Exception {
        private final String pointer;

        public Problem(String pointer, String message) {
            super(message, null, false, false);
            this.pointer = pointer;
        }

        public String pointer() {
            return pointer;
        }
    }
}
