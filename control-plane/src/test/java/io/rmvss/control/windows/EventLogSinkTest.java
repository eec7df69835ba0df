package io.rmvss.control.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.control.events.EventCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What of the Event Log sink can be checked off Windows: one event source and one event ID per code for the DLL and the control
 * plane. ReportEvent itself (JNA's Advapi32) only runs on Windows.
 */
class EventLogSinkTest {
    private static final Path REPO = Path.of(System.getProperty("rmvss.repo", "..")).toAbsolutePath().normalize();

    @Test
    void sameSourceAndEventIdsAsRmvssprvDll() throws Exception {
        String identity = Files.readString(REPO.resolve("provider-native/src/identity.h"));
        assertThat(identity).contains("kEventSource = L\"" + EventLogSink.SOURCE + "\"");

        String journal = Files.readString(REPO.resolve("provider-native/src/event_journal.cpp"));
        Matcher table = Pattern.compile("tags\\[\\] = \\{([^}]*)}").matcher(journal);
        assertThat(table.find()).as("event_id()'s tag table in event_journal.cpp").isTrue();
        List<String> dll = Arrays.stream(table.group(1).split(",")).map(t -> t.strip().replace("\"", "")).toList();
        assertThat(EventLogSink.DLL_EVENT_IDS).isEqualTo(dll);
        for (EventCode code : EventCode.values()) {
            // EventCode is table 3.5 row by row (EventCatalogTest): the ID is the row, as the DLL's comment promises.
            assertThat(EventLogSink.eventId(code)).as(code.name()).isEqualTo(dll.indexOf(code.name()) + 1).isEqualTo(code.ordinal() + 1);
        }
    }
}
