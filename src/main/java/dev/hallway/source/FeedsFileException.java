package dev.hallway.source;

/** A feeds.yaml that cannot be used, with the place of the problem: {@code feeds.yaml:12:7: unknown key 'urll'}. */
public class FeedsFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public FeedsFileException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based; 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
