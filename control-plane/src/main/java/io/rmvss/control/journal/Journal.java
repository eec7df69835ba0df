package io.rmvss.control.journal;

import java.util.List;
import java.util.Optional;

/**
 * The durable record of snapshot sets and the pair operations issued for them. Everything is
 * written <em>before</em> it is done, so that after a crash {@code CrashRecovery} knows what may have
 * happened on the array. Must live on a volume that is never snapshotted (like CCI's log directory,
 * seed 3.3): PreCommit writes to it while writers are frozen.
 */
public interface Journal extends AutoCloseable {
    /** Inserts or updates a set and its members. */
    void saveSet(SetRecord set);

    /** Records that {@code kind} is about to be issued on {@code group} for {@code setId}; returns the operation's id. */
    long intend(String setId, String group, OperationKind kind);

    void finish(long operationId, boolean succeeded, String detail);

    List<SetRecord> sets();

    /** One set's record, if the journal has it. */
    default Optional<SetRecord> set(String setId) {
        return sets().stream().filter(r -> r.setId().equals(setId)).findFirst();
    }

    /** Operations intended and not yet finished (in progress, or interrupted by a crash). */
    List<OperationRecord> unfinished();

    @Override
    void close();
}
