package io.rmvss.array.storage;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks by track number, shared by all LDEVs. A P-VOL and its S-VOLs use the same track
 * numbers, so holding the lock of track t serialises every host I/O and every copy that touches
 * track t of a pair. Whoever needs several stripes takes them in ascending stripe order; host I/O
 * holds one stripe at a time, so there is no lock cycle.
 */
public final class TrackLocks {
    private static final int STRIPES = 4096;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public TrackLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public static int stripe(int track) {
        return track & (STRIPES - 1);
    }

    public ReentrantLock forTrack(int track) {
        return locks[stripe(track)];
    }

    public ReentrantLock forStripe(int stripe) {
        return locks[stripe];
    }
}
