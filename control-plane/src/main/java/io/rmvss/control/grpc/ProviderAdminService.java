package io.rmvss.control.grpc;

import static io.rmvss.control.grpc.ProviderAdminMethods.*;

import io.grpc.ServerServiceDefinition;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.ProviderEvent;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.snapshot.SetView;
import io.rmvss.control.snapshot.SnapshotProvider;
import io.rmvss.proto.v1.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code rmvss.v1.ProviderAdmin}: what the control plane is configured with, its snapshot sets and its recent events. */
public final class ProviderAdminService {
    private static final int DEFAULT_EVENTS = 100;
    private final ControlPlane plane;

    public ProviderAdminService(ControlPlane plane) {
        this.plane = plane;
    }

    public ServerServiceDefinition definition() {
        ServerServiceDefinition.Builder s = ServerServiceDefinition.builder(SERVICE);
        Rpc.bind(s, GET_STATUS, r -> status());
        Rpc.bind(s, LIST_SNAPSHOT_SETS, r -> {
            ListSnapshotSetsResponse.Builder b = ListSnapshotSetsResponse.newBuilder();
            plane.providerIfConfigured().ifPresent(p -> p.sets().stream().sorted(Comparator.comparingLong(SetView::createdMillis))
                    .forEach(v -> b.addSets(SnapshotSetSummary.newBuilder().setSnapshotSetId(v.setId()).setState(v.state().name())
                            .addAllCopyGroups(v.groups()).setLunCount(v.pvols().size())
                            .setCreatedAt(Instant.ofEpochMilli(v.createdMillis()).toString()))));
            return b.build();
        });
        Rpc.bind(s, LIST_EVENTS, r -> {
            List<ProviderEvent> recent = new ArrayList<>(plane.events().recent());
            Collections.reverse(recent);
            int limit = r.getLimit() <= 0 ? DEFAULT_EVENTS : r.getLimit();
            ListEventsResponse.Builder b = ListEventsResponse.newBuilder();
            recent.stream().limit(limit).forEach(e -> b.addEvents(ProviderEventEntry.newBuilder().setTime(e.time().toString())
                    .setEventCode(e.code().name()).setMessage(e.code().text()).setCause(e.code().cause())
                    .setCorrection(e.code().correction())
                    .setDetail(e.detail() + (e.kavx() == null ? "" : " " + e.kavx()))));
            return b.build();
        });
        return s.build();
    }

    private GetStatusResponse status() {
        GetStatusResponse.Builder b = GetStatusResponse.newBuilder().setVersion(ControlPlane.VERSION)
                .setHorcmDirectory(plane.commandDir().toString());
        Optional<String> configError = plane.configurationError();
        if (configError.isPresent()) {
            return b.setConfigurationError(configError.get()).build();
        }
        SnapshotProvider p = plane.providerIfConfigured().orElseThrow();
        ProviderConfig c = p.config();
        b.setLocalInstance(Integer.toString(c.localInstance())).setRemoteInstance(c.remoteInstance().map(String::valueOf).orElse(""))
                .setMirrorUnit(c.mu());
        List<String> problems = new ArrayList<>();
        plane.recoveryError().ifPresent(e -> problems.add("crash recovery has not run: " + e));
        List<String> groups = p.index().knownGroups();
        if (groups.isEmpty()) {
            try {
                p.index().refresh();
                groups = p.index().knownGroups();
            } catch (EventException e) {
                problems.add(e.event().code().text() + ": " + e.event().detail());
            }
        }
        b.addAllCopyGroups(groups);
        b.setLiveSnapshotSets((int) p.sets().stream().filter(v -> v.state().live()).count());
        return b.setConfigurationError(String.join("; ", problems)).build();
    }
}
