package io.rmvss.control.events;

/**
 * Where events go: a JSON-lines file, the system log, and (on Windows, not written yet) the
 * Application Event Log through JNA's Advapi32 ReportEvent under a registered event source; such a
 * sink only has to implement this interface. A sink must not throw: reporting cannot fail the VSS call.
 */
public interface EventSink {
    void write(ProviderEvent event);
}
