package io.rmvss.control.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One JSON object per line (time, code, message, cause, correction, detail, kavx, setId), appended. */
public final class JsonLinesEventSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public JsonLinesEventSink(Path file) {
        this.file = file;
    }

    public Path file() { return file; }

    @Override
    public synchronized void write(ProviderEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", event.time().toString());
        node.put("code", event.code().name());
        node.put("message", event.code().text());
        node.put("cause", event.code().cause());
        node.put("correction", event.code().correction());
        node.put("detail", event.detail());
        if (event.kavx() != null) {
            node.put("kavx", event.kavx());
        }
        if (event.setId() != null) {
            node.put("setId", event.setId());
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // Reporting must never fail a VSS call; the other sinks still get the event.
            System.err.println("rmvss: cannot append to event file " + file + ": " + e.getMessage() + ": " + event.render());
        }
    }
}
