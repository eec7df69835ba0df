package io.rmvss.control.cci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where CCI is and how to run it. On a Windows site the commands and horcmN.conf files live in
 * {@code C:\HORCM\etc}; here {@code commandDir} is the repository's {@code bin/cci} and
 * {@code workDir} the directory the instances' horcmN.conf files were started from.
 *
 * @param commandDir     directory holding pairdisplay, pairsplit, ... (missing: [EV_ENRMPH])
 * @param workDir        working directory of every command
 * @param extraEnv       passed to every command (e.g. RMVSS_ARRAY for the simulated array)
 * @param commandTimeout a command still running after this is killed and reported as [EV_CMDIOE]
 */
public record CciInstallation(Path commandDir, Path workDir, Map<String, String> extraEnv, Duration commandTimeout) {
    public CciInstallation {
        extraEnv = Map.copyOf(extraEnv);
    }
}
