package io.rmvss.array.layout;

/** A layout file that cannot describe an array: the message names the entry, the problem and the fix. */
public class LayoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LayoutException(String message) {
        super(message);
    }

    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
