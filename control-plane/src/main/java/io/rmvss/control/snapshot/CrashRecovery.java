package io.rmvss.control.snapshot;

import io.rmvss.control.cci.CciDriver;
import io.rmvss.control.cci.VolumeState;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.journal.Journal;
import io.rmvss.control.journal.OperationKind;
import io.rmvss.control.journal.OperationRecord;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.luns.PairBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Run once at start, before the transport accepts calls: finishes or rolls back what a crash interrupted, so that no pair
 * stays split without a snapshot set that owns it.
 * <ul>
 * <li>a set interrupted while being created (PREPARING .. PREFINAL, COMMIT_FAILED): every split pair of it is resynchronised,
 *     the set becomes ABORTED (the coordinator has failed the snapshot anyway when its provider died); a split intended at
 *     PreCommit and not finished is first issued again, so that one still in flight from the dead process cannot land after
 *     the resync;</li>
 * <li>a CREATED (or BROKEN) set is taken back as it is: it owns its split pairs until OnLunEmpty; a RESYNC it had intended
 *     (OnLunEmpty interrupted) is issued again and, when no pair is left split, the set is DELETED;</li>
 * <li>ABORTED / DELETED sets with a pair still split (killed between the journal entry and the resync) are resynchronised;</li>
 * <li>every operation left INTENDED is closed with what recovery found.</li>
 * </ul>
 */
public final class CrashRecovery {
    /** What recovery did: sets rolled back, sets kept, groups resynchronised. */
    public record Report(List<String> rolledBack, List<String> kept, List<String> resynced) {
    }

    private CrashRecovery() {
    }

    public static Report run(SnapshotProvider provider, Journal journal, CciDriver cci) {
        ProviderConfig config = provider.config();
        List<String> rolledBack = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> resynced = new ArrayList<>();
        List<OperationRecord> unfinished = journal.unfinished();
        // Groups whose split a kept set owns: an older, dead set of the same group must not resync them.
        Set<String> owned = new LinkedHashSet<>();
        for (SetRecord record : journal.sets()) {
            if (kept(record, unfinished)) {
                record.members().forEach(m -> owned.add(m.group()));
            }
        }
        // Sets being created first: a pair one of them split is resynchronised (and journalled) for it, not for an older ended set.
        List<SetRecord> records = new ArrayList<>(journal.sets());
        records.sort(Comparator.comparing(r -> !SetState.valueOf(r.state()).live()));
        for (SetRecord record : records) {
            SetState state = SetState.valueOf(record.state());
            Set<String> groups = new LinkedHashSet<>();
            record.members().forEach(m -> groups.add(m.group()));
            if (kept(record, unfinished)) {
                List<String> split = new ArrayList<>();
                for (String g : groups) {
                    if (cci.state(config.localInstance(), g).split()) {
                        split.add(g);
                    }
                }
                List<SnapshotSet.Member> members = new ArrayList<>();
                record.members().forEach(m -> members.add(new SnapshotSet.Member(m.snapshotId(), new PairBinding(m.group(), m.devName(),
                        m.serial(), m.pvolLdev(), m.svolSerial(), m.svolLdev(), config.mu(), "P-VOL"))));
                provider.adopt(record.setId(), state, members, split);
                kept.add(record.setId());
                continue;
            }
            boolean any = false;
            for (String g : groups) {
                if (owned.contains(g)) {
                    continue;
                }
                if (splitInterrupted(record, g, unfinished)) {
                    // The dead process's pairsplit may still be on its way to the array and land after a resync. Splitting again
                    // (accepted on a split pair) returns once the array has taken the splits in order; the resync below follows.
                    long id = journal.intend(record.setId(), g, OperationKind.SPLIT);
                    cci.split(config.localInstance(), g);
                    journal.finish(id, true, "crash recovery: settles a split that may have been in flight");
                }
                VolumeState vs = cci.state(config.localInstance(), g);
                if (vs.role() == VolumeState.Role.PVOL && (vs.split() || vs.status() == VolumeState.Status.PSUE)) {
                    long id = journal.intend(record.setId(), g, OperationKind.RESYNC);
                    cci.resync(config.localInstance(), g);
                    journal.finish(id, true, "crash recovery");
                    resynced.add(g);
                    any = true;
                }
            }
            if (state.live()) {
                SetState end = state == SetState.CREATED ? SetState.DELETED : SetState.ABORTED;
                journal.saveSet(new SetRecord(record.setId(), end.name(), System.currentTimeMillis(), record.members()));
                rolledBack.add(record.setId());
            } else if (any) {
                rolledBack.add(record.setId());
            }
        }
        for (OperationRecord o : unfinished) {
            journal.finish(o.id(), false, "interrupted by a crash; closed by recovery");
        }
        return new Report(rolledBack, kept, resynced);
    }

    /** The set's SPLIT of the group was intended (PreCommit) and never finished: CommitSnapshots may have been cut short. */
    private static boolean splitInterrupted(SetRecord record, String group, List<OperationRecord> unfinished) {
        return unfinished.stream().anyMatch(o -> record.setId().equals(o.setId()) && group.equals(o.group()) && o.kind() == OperationKind.SPLIT);
    }

    /** A CREATED (or BROKEN) set whose deletion (RESYNC) was not under way: it still owns its split pairs. */
    private static boolean kept(SetRecord record, List<OperationRecord> unfinished) {
        SetState state = SetState.valueOf(record.state());
        boolean resyncIntended = unfinished.stream().anyMatch(o -> record.setId().equals(o.setId()) && o.kind() == OperationKind.RESYNC);
        return (state == SetState.CREATED || state == SetState.BROKEN) && !resyncIntended;
    }
}
