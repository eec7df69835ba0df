package io.rmvss.array.horcm;

import java.nio.file.Path;

/** A horcmNN.conf that cannot be used: names the file, the line (0 when the whole file is at fault) and what was expected. */
public class HorcmConfException extends Exception {
    private final Path file;
    private final int lineNumber;

    public HorcmConfException(Path file, int lineNumber, String problem) {
        super(file + (lineNumber > 0 ? " line " + lineNumber : "") + ": " + problem);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    public Path file() { return file; }

    public int lineNumber() { return lineNumber; }
}
