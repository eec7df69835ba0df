package io.rmvss.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where this rmvss installation lives (bin/rmvss sets RMVSS_HOME), and the tools in it. */
final class Install {
    private Install() {
    }

    static Path home() {
        String env = System.getenv("RMVSS_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("rmvss.repo", ".")).toAbsolutePath().normalize();
    }

    /** bin/cci, the CCI-compatible commands of the simulated array; fails with the fix when they are not built. */
    static Path cciBin() {
        Path bin = home().resolve("bin/cci");
        if (!Files.isExecutable(bin.resolve("pairdisplay"))) {
            throw new IllegalStateException(bin.resolve("pairdisplay") + " is not runnable: build the native CCI front end with "
                    + "'cmake -S " + home() + " -B " + home().resolve("build") + " && cmake --build " + home().resolve("build") + "'");
        }
        return bin;
    }
}
