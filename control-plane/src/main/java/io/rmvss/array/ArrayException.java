package io.rmvss.array;

/** A refused array or CCI operation: carries the CCI error code and a detail naming the cause and the fix. */
public class ArrayException extends Exception {
    private final CciError error;

    public ArrayException(CciError error, String detail) {
        super(detail);
        this.error = error;
    }

    public CciError error() { return error; }

    /** The detail alone (without the EX_ code), for a second line after CCI's standard text. */
    public String detail() { return getMessage(); }
}
