package io.rmvss.control.cci;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;

/**
 * A CCI command that failed: the [EV_*] code it maps to, the command line, its exit code and the
 * CCI error name ({@code EX_INVSTP}) when it printed one.
 */
public final class CciException extends EventException {
    private final String commandLine;
    private final int exitCode;
    private final String cciError;

    public CciException(EventCode code, String commandLine, int exitCode, String cciError, String detail) {
        super(code, detail);
        this.commandLine = commandLine;
        this.exitCode = exitCode;
        this.cciError = cciError;
    }

    public String commandLine() { return commandLine; }

    public int exitCode() { return exitCode; }

    /** e.g. {@code EX_ATTHOR}, or null when the command printed none (missing binary, timeout). */
    public String cciError() { return cciError; }
}
