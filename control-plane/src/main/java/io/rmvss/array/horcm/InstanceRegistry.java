package io.rmvss.array.horcm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The set of started HORCM instances, kept in {@code <stateDir>/horcm-instances.json} together with
 * the configuration text each one read at start, so that a daemon restart finds them running with
 * the same configuration. Thread-safe: every method is synchronized and the file is replaced atomically.
 */
public final class InstanceRegistry {
    private static final String STATE_FILE = "horcm-instances.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateFile;
    private final TreeMap<InstanceNumber, StartedInstance> running = new TreeMap<>();
    /** Why the last horcmstart of an instance failed, until it starts (HORCM's own log keeps this on a real host). */
    private final Map<InstanceNumber, String> startFailures = new HashMap<>();

    /** What is stored per instance. */
    record Stored(int instance, String confPath, String confText) {
    }

    public InstanceRegistry(Path stateDir) {
        this.stateFile = stateDir.resolve(STATE_FILE);
        load();
    }

    public synchronized Optional<StartedInstance> get(InstanceNumber number) {
        return Optional.ofNullable(running.get(number));
    }

    public synchronized List<StartedInstance> all() {
        return List.copyOf(running.values());
    }

    /** Remembers why horcmstart could not start the instance, for the commands that then cannot attach to it. */
    public synchronized void failedToStart(InstanceNumber number, String why) {
        startFailures.put(number, why);
    }

    /** Why the last horcmstart of this (not running) instance failed, if it did. */
    public synchronized Optional<String> startFailure(InstanceNumber number) {
        return Optional.ofNullable(startFailures.get(number));
    }

    /** Adds the instance; false (and no change) when it is already running. */
    public synchronized boolean start(StartedInstance instance) {
        if (running.containsKey(instance.number())) {
            return false;
        }
        running.put(instance.number(), instance);
        startFailures.remove(instance.number());
        try {
            save();
        } catch (UncheckedIOException e) {
            running.remove(instance.number());
            throw e;
        }
        return true;
    }

    /** Removes the instance; false when it was not running. */
    public synchronized boolean stop(InstanceNumber number) {
        StartedInstance removed = running.remove(number);
        if (removed == null) {
            return false;
        }
        try {
            save();
        } catch (UncheckedIOException e) {
            running.put(number, removed);
            throw e;
        }
        return true;
    }

    private void load() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            List<Stored> stored = JSON.readValue(stateFile.toFile(), new TypeReference<List<Stored>>() { });
            for (Stored s : stored) {
                InstanceNumber number = new InstanceNumber(s.instance());
                HorcmConf conf = HorcmConfParser.parse(Paths.get(s.confPath()), s.confText());
                running.put(number, new StartedInstance(number, conf, s.confText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HORCM instance state " + stateFile, e);
        } catch (HorcmConfException e) {
            // The text was valid when the instance started; a failure here means the state file was edited by hand.
            throw new IllegalStateException("the HORCM instance state " + stateFile + " holds a configuration that no longer parses: "
                    + e.getMessage(), e);
        }
    }

    private void save() {
        List<Stored> stored = new ArrayList<>();
        for (StartedInstance i : running.values()) {
            stored.add(new Stored(i.number().value(), i.conf().file().toString(), i.confText()));
        }
        try {
            Files.createDirectories(stateFile.getParent());
            Path tmp = stateFile.resolveSibling(STATE_FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), stored);
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HORCM instance state " + stateFile, e);
        }
    }
}
