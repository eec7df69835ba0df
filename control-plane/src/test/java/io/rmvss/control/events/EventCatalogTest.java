package io.rmvss.control.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every [EV_*] code carries the seed's table 3.5 row verbatim (seed-table-3.5.tsv holds the rows as the manual prints them), and
 * the event file writes exactly that text for each one.
 */
class EventCatalogTest {
    @TempDir
    Path dir;

    private static Map<String, String[]> seedRows() throws Exception {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (InputStream in = EventCatalogTest.class.getResourceAsStream("seed-table-3.5.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] columns = line.split("\t");
                assertThat(columns).as(line).hasSize(3);
                rows.put(columns[0].substring(1, columns[0].indexOf(']')), columns);
            }
        }
        return rows;
    }

    @Test
    void everyCodeIsTheSeedsRowVerbatim() throws Exception {
        Map<String, String[]> rows = seedRows();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(EventCode.values()).map(Enum::name).toList());
        for (EventCode code : EventCode.values()) {
            String[] row = rows.get(code.name());
            assertThat(code.text()).isEqualTo(row[0]);
            assertThat(code.cause()).isEqualTo(row[1]);
            assertThat(code.correction()).isEqualTo(row[2]);
        }
    }

    @Test
    void theEventFileCarriesTheSeedsTextForEveryCode() throws Exception {
        Path file = dir.resolve("events.jsonl");
        JsonLinesEventSink sink = new JsonLinesEventSink(file);
        for (EventCode code : EventCode.values()) {
            sink.write(ProviderEvent.of(code, "detail of " + code.name()));
        }
        Map<String, String[]> rows = seedRows();
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(EventCode.values().length);
        for (JsonNode n : lines) {
            String[] row = rows.get(n.get("code").asText());
            assertThat(n.get("message").asText()).isEqualTo(row[0]);
            assertThat(n.get("cause").asText()).isEqualTo(row[1]);
            assertThat(n.get("correction").asText()).isEqualTo(row[2]);
            assertThat(n.get("detail").asText()).isEqualTo("detail of " + n.get("code").asText());
        }
    }
}
