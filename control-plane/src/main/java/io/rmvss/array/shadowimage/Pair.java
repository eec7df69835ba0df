package io.rmvss.array.shadowimage;

import io.rmvss.array.LdevId;

/** A pair's live state inside the engine; every field is guarded by the engine lock. */
final class Pair {
    final PairKey key;
    final LdevId svol;
    /** Tracks of the P-VOL: the pair's bitmaps cover these (the S-VOL may be larger). */
    final int tracks;
    final int copyPace;
    final boolean noread;
    PairState state;
    boolean svolWritable;
    PairBitmaps bitmaps;
    /** Background copy tasks of this pair queued or running. */
    int runners;
    /** Where the background copy looks for the next pending track (round robin over the volume). */
    int cursor;
    /** Deleted: in-flight copies must not touch its bitmaps any more. */
    boolean removed;

    Pair(PairKey key, LdevId svol, int tracks, int copyPace, boolean noread, PairState state,
         boolean svolWritable, PairBitmaps bitmaps) {
        this.key = key;
        this.svol = svol;
        this.tracks = tracks;
        this.copyPace = copyPace;
        this.noread = noread;
        this.state = state;
        this.svolWritable = svolWritable;
        this.bitmaps = bitmaps;
    }

    LdevId pvol() { return key.pvol(); }

    /** Copy direction S-VOL to P-VOL (restore). */
    boolean restoring() { return state == PairState.COPY_RS_R; }

    /** States in which the S-VOL follows the P-VOL: host writes to the P-VOL are queued for copying. */
    boolean mirroring() {
        return state == PairState.COPY_PD || state == PairState.PAIR || state == PairState.COPY_RS;
    }

    /** Split with a point-in-time copy still running: P-VOL writes copy the old track first. */
    boolean freezing() {
        return state == PairState.COPY_SP || state == PairState.PSUS_SP;
    }

    /** States in which the background copy works on this pair. */
    boolean copyActive() {
        return mirroring() || freezing() || restoring();
    }

    PairInfo info() {
        int differing = io.rmvss.array.storage.DurableBitmap.unionCardinality(bitmaps.pending, bitmaps.pvolDirty, bitmaps.svolDirty);
        int percent = tracks == 0 ? 100 : (int) ((long) (tracks - differing) * 100 / tracks);
        return new PairInfo(key.pvol(), svol, key.mu(), state, percent, noread, svolWritable,
                !bitmaps.svolDirty.isEmpty(), copyPace);
    }
}
