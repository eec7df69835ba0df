package io.rmvss.cli;

import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.proto.v1.GetStatusRequest;
import io.rmvss.proto.v1.GetStatusResponse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rmvss status}: what the running control plane is configured with, and whether that configuration works. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running control plane's configuration (VSHTCH* in effect, HORCM directory, copy groups) and problems."
                + " Exit 0 when it is usable, 3 when it runs but reports a configuration problem, 1 when it is not running.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--state", paramLabel = "DIR", description = "the server's state directory (default $RMVSS_STATE, else ~/.rmvss/control)")
    Path state;

    @Override
    public Integer call() {
        Path dir = StateDir.resolve(state);
        GetStatusResponse s = StateDir.call(dir, ProviderAdminMethods.GET_STATUS, GetStatusRequest.getDefaultInstance());
        System.out.println("rmvss control plane " + s.getVersion() + " (state " + dir + ")");
        System.out.printf("  %-24s %s%n", "VSHTCHORCMINST_LOCAL", s.getLocalInstance().isEmpty() ? "-" : s.getLocalInstance());
        System.out.printf("  %-24s %s%n", "VSHTCHORCMINST_REMOTE", s.getRemoteInstance().isEmpty() ? "(not set)" : s.getRemoteInstance());
        System.out.printf("  %-24s %s%n", "VSHTCHOMRCF_MUN", s.getLocalInstance().isEmpty() ? "-" : Integer.toString(s.getMirrorUnit()));
        System.out.printf("  %-24s %s%n", "HORCM directory", s.getHorcmDirectory());
        System.out.printf("  %-24s %s%n", "copy groups", s.getCopyGroupsList().isEmpty() ? "(none)" : String.join(" ", s.getCopyGroupsList()));
        System.out.printf("  %-24s %d%n", "live snapshot sets", s.getLiveSnapshotSets());
        if (s.getConfigurationError().isEmpty()) {
            System.out.printf("  %-24s %s%n", "configuration", "OK");
            return 0;
        }
        System.out.printf("  %-24s %s%n", "configuration", "ERROR");
        System.out.println("    " + s.getConfigurationError());
        return 3;
    }
}
