package io.rmvss.control.snapshot;

import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.luns.PairBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One snapshot set: its state, its LUNs (by P-VOL) and what the provider did to their copy groups. Guarded by the provider. */
final class SnapshotSet {
    final String id;
    SetState state = SetState.PREPARING;
    /** P-VOL key (serial:LDEV) -> member. */
    final Map<String, Member> members = new LinkedHashMap<>();
    /** Copy groups whose split was issued at commit (and may have happened). */
    final Set<String> split = new LinkedHashSet<>();
    /** Journal ids of the SPLIT operations written at PreCommit, finished after the freeze. */
    final Map<String, Long> splitOperations = new LinkedHashMap<>();
    /** Copy groups whose S-VOL the provider un-hid (LocateLuns). */
    final Set<String> unhidden = new LinkedHashSet<>();
    /** The rollback after a vetoed commit, when one runs. */
    CompletableFuture<Void> rollback = CompletableFuture.completedFuture(null);
    long updatedMillis = System.currentTimeMillis();
    /** When this control plane first saw the set (BeginPrepareSnapshot, or its adoption after a restart). */
    final long createdMillis = updatedMillis;

    record Member(String snapshotId, PairBinding pair) {
    }

    SnapshotSet(String id) {
        this.id = id;
    }

    List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        members.values().forEach(m -> groups.add(m.pair().group()));
        return new ArrayList<>(groups);
    }

    static String key(int serial, int ldev) {
        return serial + ":" + ldev;
    }

    SetRecord record() {
        List<SetRecord.Member> list = new ArrayList<>();
        members.values().forEach(m -> list.add(new SetRecord.Member(m.snapshotId(), m.pair().group(), m.pair().devName(),
                m.pair().serial(), m.pair().pvolLdev(), m.pair().svolSerial(), m.pair().svolLdev())));
        return new SetRecord(id, state.name(), updatedMillis, list);
    }
}
