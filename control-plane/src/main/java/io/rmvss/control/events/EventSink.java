package io.rmvss.control.events;

/**
 * Where events go: a JSON-lines file, the system log, and on Windows the Application Event Log
 * (io.rmvss.control.windows.EventLogSink). A sink must not throw: reporting cannot fail the VSS call.
 */
public interface EventSink {
    void write(ProviderEvent event);
}
