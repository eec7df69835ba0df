package io.rmvss.control.windows;

import java.util.Locale;

/** Whether the control plane runs on Windows, where the registry and the Event Log replace the environment-only and syslog views. */
public final class Windows {
    private Windows() {
    }

    public static boolean running() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
