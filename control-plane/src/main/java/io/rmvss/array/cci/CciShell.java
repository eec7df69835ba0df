package io.rmvss.array.cci;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one CCI command line (horcmstart, pairdisplay, paircreate, ...) against the simulated
 * array, the way the command would run on a host with CCI installed. The array daemon calls this
 * for each request of the bin/cci front end; tests may call it directly.
 */
public interface CciShell {
    /**
     * @param command the command's name, e.g. {@code pairdisplay}
     * @param env     the caller's HORCMINST, HORCC_MRCF, HORCM_CONF, ... (other variables may be absent)
     * @param cwd     the caller's working directory (relative paths in options resolve against it)
     * @param stdin   what the caller piped in (inqraid and raidscan -find read device names from it, as on UNIX), or ""
     * @return the exit code CCI would return (0 or a small positive count for success, EX_* codes above 127 for errors)
     */
    int execute(String command, List<String> args, Map<String, String> env, Path cwd, String stdin,
                PrintStream out, PrintStream err) throws InterruptedException;

    /** A command run with nothing piped in. */
    default int execute(String command, List<String> args, Map<String, String> env, Path cwd,
                        PrintStream out, PrintStream err) throws InterruptedException {
        return execute(command, args, env, cwd, "", out, err);
    }
}
