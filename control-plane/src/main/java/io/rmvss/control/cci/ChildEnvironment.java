package io.rmvss.control.cci;

import io.rmvss.control.events.EventCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a CCI command is given (HORCMINST, HORCC_MRCF, and what the installation passes on, e.g. HORCM_ETC and
 * RMVSS_ARRAY), and [EV_ESETEV] when the system refuses it. On Windows SetEnvironmentVariable refuses a value longer than
 * 32,767 characters, so that is checked before the command is started; on Linux execve fails with E2BIG ("error=7") for one
 * "NAME=value" string over 128 KiB (MAX_ARG_STRLEN) or an environment over ARG_MAX, and Java refuses a name with '=' or a
 * NUL in a name or value. The event names the variable, its length and the limit.
 */
final class ChildEnvironment {
    static final int WINDOWS_MAX_VALUE = 32_767;
    static final int LINUX_MAX_STRING = 128 * 1024;

    private ChildEnvironment() {
    }

    /** Refuses before starting what Windows would refuse (nothing else can be known before the system call). */
    static void check(Map<String, String> env, String commandLine) {
        check(env, commandLine, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    static void check(Map<String, String> env, String commandLine, boolean windows) {
        if (!windows) {
            return;
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue().length() > WINDOWS_MAX_VALUE) {
                throw new CciException(EventCode.EV_ESETEV, commandLine, -1, null, "the environment variable " + e.getKey()
                        + " for " + commandLine + " is " + e.getValue().length() + " characters long; SetEnvironmentVariable accepts"
                        + " at most " + WINDOWS_MAX_VALUE + ". Correct " + e.getKey() + " in the service's environment and restart it");
            }
        }
    }

    /** The system refused the environment when the command was started: name the largest variable, the only one that can be at fault. */
    static CciException refused(Map<String, String> env, String commandLine, String why) {
        Map.Entry<String, String> largest = env.entrySet().stream()
                .max((a, b) -> Integer.compare(bytes(a), bytes(b))).orElse(Map.entry("?", ""));
        return new CciException(EventCode.EV_ESETEV, commandLine, -1, null, "the environment for " + commandLine
                + " could not be set (" + why + "); its largest variable " + largest.getKey() + " is " + bytes(largest)
                + " bytes as NAME=value, the limit for one variable is " + LINUX_MAX_STRING + " bytes on Linux and "
                + WINDOWS_MAX_VALUE + " characters on Windows. Correct " + largest.getKey()
                + " in the service's environment (or the option it comes from) and restart the service");
    }

    private static int bytes(Map.Entry<String, String> e) {
        return (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
