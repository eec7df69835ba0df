package io.rmvss.control.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinNT;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventSink;
import io.rmvss.control.events.ProviderEvent;
import java.util.List;

/**
 * The Windows Application Event Log, where the seed's provider writes its errors (3.9): ReportEvent under the event source
 * rmvssprv.dll registers ({@code RM Shadow Copy Provider}, provider-native/src/identity.h), as an error with the DLL's event ID
 * for the code and the rendered event as the one insertion string its message table (messages.mc, "%1") shows. Windows only
 * (JNA's Advapi32); it cannot run, and is not tested, on Linux. Never throws: reporting must not fail the VSS call.
 */
public final class EventLogSink implements EventSink {
    static final String SOURCE = "RM Shadow Copy Provider";
    /** rmvssprv.dll's event IDs (provider-native/src/event_journal.cpp event_id()): the same code has the same ID from either side. */
    static final List<String> DLL_EVENT_IDS = List.of("EV_ERPERM", "EV_ENOMEM", "EV_INVSTP", "EV_ATTHOR", "EV_CMDIOE", "EV_EGETEV",
            "EV_ENOSUP", "EV_ENOINQ", "EV_ENOOBJ", "EV_ENOSER", "EV_ENRMCM", "EV_ENRMPH", "EV_ESETEV", "EV_EXCEPT", "EV_INVARG",
            "EV_INVSEQ", "EV_EOPDEV");
    private static final int UNKNOWN_ID = 100;

    static int eventId(EventCode code) {
        int i = DLL_EVENT_IDS.indexOf(code.name());
        return i < 0 ? UNKNOWN_ID : i + 1;
    }

    @Override
    public void write(ProviderEvent event) {
        try {
            WinNT.HANDLE source = Advapi32.INSTANCE.RegisterEventSource(null, SOURCE);
            if (source == null) {
                System.err.println("rmvss: event source '" + SOURCE + "' unavailable (register rmvssprv.dll): " + event.render());
                return;
            }
            try {
                Advapi32.INSTANCE.ReportEvent(source, WinNT.EVENTLOG_ERROR_TYPE, 0, eventId(event.code()), null, 1, 0,
                        new String[] {event.render()}, null);
            } finally {
                Advapi32.INSTANCE.DeregisterEventSource(source);
            }
        } catch (RuntimeException | LinkageError e) {
            System.err.println("rmvss: cannot write to the Event Log: " + e + ": " + event.render());
        }
    }
}
