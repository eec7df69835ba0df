package io.rmvss.array.daemon;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Injected latency per CCI command, so the simulated array answers as slowly as a real one does
 * (a pairsplit through a command device takes hundreds of milliseconds) when benchmarking the
 * VSS freeze window. Zero by default.
 */
public final class CommandLatency {
    private final Duration fallback;
    private final Map<String, Duration> perCommand;

    public CommandLatency(Duration fallback, Map<String, Duration> perCommand) {
        this.fallback = fallback;
        this.perCommand = Map.copyOf(perCommand);
    }

    public static CommandLatency none() {
        return new CommandLatency(Duration.ZERO, Map.of());
    }

    /**
     * @param fallback  e.g. {@code 300ms}, {@code 1s}, or null for none
     * @param overrides entries {@code command=duration}, e.g. {@code pairsplit=500ms}
     */
    public static CommandLatency parse(String fallback, Iterable<String> overrides) {
        Map<String, Duration> map = new HashMap<>();
        for (String entry : overrides) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("latency override '" + entry + "' must look like command=300ms");
            }
            map.put(entry.substring(0, eq), parseDuration(entry.substring(eq + 1)));
        }
        return new CommandLatency(fallback == null ? Duration.ZERO : parseDuration(fallback), map);
    }

    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' must look like 300ms or 1.5s");
        }
    }

    public Duration of(String command) {
        return perCommand.getOrDefault(command, fallback);
    }
}
