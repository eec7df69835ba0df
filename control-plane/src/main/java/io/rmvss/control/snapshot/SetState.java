package io.rmvss.control.snapshot;

/**
 * A snapshot set's life, in the VSS coordinator's call order. {@link #live()} states own their pairs:
 * no other set may take those LUNs, and recovery leaves a {@link #CREATED} set's split pairs alone.
 */
public enum SetState {
    PREPARING, PREPARED, PRECOMMITTED, COMMITTED, POSTCOMMITTED, PREFINAL, CREATED,
    /**
     * CommitSnapshots vetoed (deadline or split failure); rollback runs, AbortSnapshots expected. Also a set whose rollback
     * could not resynchronise: it owns its split pairs until a retry succeeds.
     */
    COMMIT_FAILED,
    /** Broken off (OnLunStateChange): the S-VOL is the host's now; the provider keeps the record only. */
    BROKEN,
    ABORTED, DELETED;

    public boolean live() {
        return this != ABORTED && this != DELETED && this != BROKEN;
    }

    /** Between BeginPrepareSnapshot and PostFinalCommitSnapshots: AbortSnapshots may come. */
    public boolean creating() {
        return ordinal() < CREATED.ordinal() || this == COMMIT_FAILED;
    }
}
