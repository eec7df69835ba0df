package io.rmvss.array.cci;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs CCI command lines through {@link CciCommands#execute} the way the daemon does, keeping what they print. */
final class CciRunner {
    /** What one command printed and returned. */
    record Result(int exit, List<String> out, List<String> err) {
        String firstErr() { return err.isEmpty() ? "" : err.get(0); }
    }

    private final CciShell shell;
    private final Path cwd;
    private final Map<String, String> env = new HashMap<>();

    CciRunner(CciShell shell, Path cwd) {
        this.shell = shell;
        this.cwd = cwd;
    }

    CciRunner set(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Runs a command line split on spaces; quote-free, as in the seed's samples. */
    Result run(String commandLine) throws InterruptedException {
        List<String> words = Arrays.asList(commandLine.trim().split("\\s+"));
        return run(words.get(0), words.subList(1, words.size()));
    }

    Result run(String command, List<String> args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = shell.execute(command, args, Map.copyOf(env), cwd, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream b) {
        String s = b.toString(StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\r?\n"));
    }
}
