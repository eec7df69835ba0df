package io.rmvss.array.shadowimage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rmvss.array.storage.AtomicFiles;
import io.rmvss.array.storage.Guard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The engine's durable state ({@code state.json}): pairs with the bitmap generation each one uses,
 * volume guards, and the next free bitmap generation. Replaced atomically on every state change.
 */
final class EngineStateFile {
    static final String NAME = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    record PairRecord(int pvolSerial, int pvolLdev, int svolSerial, int svolLdev, int mu, PairState state,
                      boolean noread, boolean svolWritable, int copyPace, long generation, boolean quickRestore) {
    }

    record GuardRecord(int serial, int ldev, Set<Guard> guards) {
    }

    record State(int version, long nextGeneration, List<PairRecord> pairs, List<GuardRecord> guards) {
        static State empty() {
            return new State(1, 1, List.of(), List.of());
        }
    }

    private final Path file;

    EngineStateFile(Path directory) {
        this.file = directory.resolve(NAME);
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    State load() throws IOException {
        return JSON.readValue(file.toFile(), State.class);
    }

    void save(State state) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }
}
