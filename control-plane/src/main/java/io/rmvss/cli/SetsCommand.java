package io.rmvss.cli;

import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.proto.v1.ListSnapshotSetsRequest;
import io.rmvss.proto.v1.ListSnapshotSetsResponse;
import io.rmvss.proto.v1.SnapshotSetSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rmvss sets}: the snapshot sets the running control plane knows, oldest first. */
@Command(name = "sets", mixinStandardHelpOptions = true, description = "List the control plane's snapshot sets and their states.")
public final class SetsCommand implements Callable<Integer> {
    @Option(names = "--state", paramLabel = "DIR", description = "the server's state directory (default $RMVSS_STATE, else ~/.rmvss/control)")
    Path state;

    @Override
    public Integer call() {
        Path dir = StateDir.resolve(state);
        ListSnapshotSetsResponse r = StateDir.call(dir, ProviderAdminMethods.LIST_SNAPSHOT_SETS, ListSnapshotSetsRequest.getDefaultInstance());
        if (r.getSetsCount() == 0) {
            System.out.println("no snapshot sets");
            return 0;
        }
        String format = "%-40s %-14s %4s  %-24s %s%n";
        System.out.printf(format, "SNAPSHOT SET", "STATE", "LUNS", "CREATED", "COPY GROUPS");
        for (SnapshotSetSummary s : r.getSetsList()) {
            System.out.printf(format, s.getSnapshotSetId(), s.getState(), s.getLunCount(), s.getCreatedAt(), String.join(" ", s.getCopyGroupsList()));
        }
        return 0;
    }
}
