package io.rmvss.array.cci;

/** Compares printed lines with the seed manual's samples, whose whitespace the typesetting mangled. */
public final class SeedText {
    private SeedText() {
    }

    public static String collapse(String line) {
        return line.trim().replaceAll("\\s+", " ");
    }
}
