package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;

/** One CCI command (pairdisplay, paircreate, ...). */
public interface CciCommand {
    String name();

    OptionSpec options();

    /** Runs the command; returns its exit code. Failures are thrown with CCI's code and a cause-and-fix detail. */
    int run(Invocation invocation) throws ArrayException, InterruptedException;
}
