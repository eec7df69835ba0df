package io.rmvss.cli;

import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.proto.v1.ListEventsRequest;
import io.rmvss.proto.v1.ListEventsResponse;
import io.rmvss.proto.v1.ProviderEventEntry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rmvss events}: the [EV_*] events the running control plane reported, most recent first. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Show the control plane's recent [EV_*] events (since it started; all of them are in <state>/events.jsonl).")
public final class EventsCommand implements Callable<Integer> {
    @Option(names = "--state", paramLabel = "DIR", description = "the server's state directory (default $RMVSS_STATE, else ~/.rmvss/control)")
    Path state;

    @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "at most this many events (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        Path dir = StateDir.resolve(state);
        ListEventsResponse r = StateDir.call(dir, ProviderAdminMethods.LIST_EVENTS, ListEventsRequest.newBuilder().setLimit(limit).build());
        if (r.getEventsCount() == 0) {
            System.out.println("no events");
            return 0;
        }
        for (ProviderEventEntry e : r.getEventsList()) {
            System.out.println(e.getTime() + "  " + e.getMessage());
            if (!e.getDetail().isEmpty()) {
                System.out.println("    what:       " + e.getDetail());
            }
            System.out.println("    cause:      " + e.getCause());
            System.out.println("    correction: " + e.getCorrection());
        }
        return 0;
    }
}
