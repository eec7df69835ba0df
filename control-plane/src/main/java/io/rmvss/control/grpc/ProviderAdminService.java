package io.rmvss.control.grpc;

import static io.rmvss.control.grpc.ProviderAdminMethods.*;

import io.grpc.ServerServiceDefinition;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.ProviderEvent;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.snapshot.SnapshotProvider;
import io.rmvss.proto.v1.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        Rpc.bind(s, LIST_SNAPSHOT_SETS, r -> sets());
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

    /**
     * The live sets this process holds, then the journal's ended ones (deleted, aborted, rolled back by crash recovery), oldest
     * first. For a journal-only set, created_at is the time of its last journal update (the journal keeps no creation time).
     */
    private ListSnapshotSetsResponse sets() {
        record Row(long created, SnapshotSetSummary summary) {
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        plane.providerIfConfigured().ifPresent(p -> p.sets().forEach(v -> {
            seen.add(v.setId());
            rows.add(new Row(v.createdMillis(), SnapshotSetSummary.newBuilder().setSnapshotSetId(v.setId()).setState(v.state().name())
                    .addAllCopyGroups(v.groups()).setLunCount(v.pvols().size())
                    .setCreatedAt(Instant.ofEpochMilli(v.createdMillis()).toString()).build()));
        }));
        for (SetRecord rec : plane.journalledSets()) {
            if (seen.add(rec.setId())) {
                rows.add(new Row(rec.updatedMillis(), SnapshotSetSummary.newBuilder().setSnapshotSetId(rec.setId()).setState(rec.state())
                        .addAllCopyGroups(rec.members().stream().map(SetRecord.Member::group).distinct().toList())
                        .setLunCount(rec.members().size()).setCreatedAt(Instant.ofEpochMilli(rec.updatedMillis()).toString()).build()));
            }
        }
        rows.sort(Comparator.comparingLong(Row::created));
        return ListSnapshotSetsResponse.newBuilder().addAllSets(rows.stream().map(Row::summary).toList()).build();
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
