package io.rmvss.array.shadowimage;

import io.rmvss.array.ArrayException;
import io.rmvss.array.LdevId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The array's ShadowImage engine: pairs of LDEVs, their states and background copies.
 * A pair is named by its P-VOL and MU# (0-2; an LDEV can be P-VOL of up to 3 pairs, S-VOL of one).
 * Every method that changes state has made the change durable before it returns.
 * Illegal transitions throw {@link ArrayException} with CCI's code (EX_INVSTP, EX_ENQSIZ, ...)
 * and change nothing.
 */
public interface ShadowImage {
    PairInfo create(LdevId pvol, LdevId svol, int mu, CreateOptions options) throws ArrayException;

    /** pairsplit (normal or quick); the S-VOL image is the P-VOL's at the instant this returns. */
    PairInfo split(LdevId pvol, int mu, SplitOptions options) throws ArrayException;

    /** pairsplit -E: error suspend. A later resync copies the whole volume. */
    PairInfo suspendOnError(LdevId pvol, int mu) throws ArrayException;

    /** pairsplit -S: back to SMPL on both sides. */
    void delete(LdevId pvol, int mu) throws ArrayException;

    /** pairresync (P-VOL to S-VOL), normal or quick; copies only the tracks that differ. */
    PairInfo resync(LdevId pvol, int mu, boolean quick) throws ArrayException;

    /** pairresync -restore (S-VOL to P-VOL); only from PSUS. */
    PairInfo restore(LdevId pvol, int mu, boolean quick) throws ArrayException;

    Optional<PairInfo> pair(LdevId pvol, int mu);

    /** The pair in which this LDEV is the S-VOL, if any. */
    Optional<PairInfo> pairOfSvol(LdevId svol);

    /** Every pair in which this LDEV takes part, as P-VOL or S-VOL. */
    List<PairInfo> pairsOf(LdevId ldev);

    List<PairInfo> pairs();

    /**
     * Blocks until the pair (named by its P-VOL and MU#) satisfies the condition or the timeout runs out;
     * returns the last state seen. A pair that does not exist is seen as SMPL (state SMPL, svol null).
     */
    PairInfo await(LdevId pvol, int mu, Predicate<PairInfo> condition, Duration timeout) throws InterruptedException;

    /** Tracks copied by background copies since the array was opened (for tests and benchmarks). */
    long tracksCopied();
}
