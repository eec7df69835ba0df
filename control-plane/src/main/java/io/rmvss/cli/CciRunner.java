package io.rmvss.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs bin/cci commands as a shell user would: own process, HORCMINST/HORCC_MRCF in the environment. */
final class CciRunner {
    record Result(int exit, String out, String err) {
    }

    private final Path bin;
    private final Path arrayDir;
    private final Path workDir;

    CciRunner(Path bin, Path arrayDir, Path workDir) {
        this.bin = bin;
        this.arrayDir = arrayDir;
        this.workDir = workDir;
    }

    Result run(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(bin.resolve(command).toString());
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HORC"));
        builder.environment().put("RMVSS_ARRAY", arrayDir.toString());
        builder.environment().putAll(env);
        // stderr goes to a file so neither pipe can fill up and stall the command.
        Path errFile = Files.createTempFile("cci-err", ".txt");
        try {
            Process process = builder.redirectError(errFile.toFile()).start();
            process.getOutputStream().close(); // nothing is piped in: inqraid and raidscan -find must not wait for input
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            return new Result(exit, new String(out, StandardCharsets.UTF_8), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
