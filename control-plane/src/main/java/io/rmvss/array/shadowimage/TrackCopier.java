package io.rmvss.array.shadowimage;

import io.rmvss.array.LdevId;
import io.rmvss.array.storage.DurableBitmap;
import io.rmvss.array.storage.HostIo;
import io.rmvss.array.storage.LdevStore;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Moves one track of data between two LDEVs. Tracks never written on either side are skipped; a
 * source track never written but a destination track that was is zero-filled.
 * {@link #plan} runs under the engine lock (it reads and sets "written" bits); {@link #copy} runs
 * outside it while the caller holds the track's stripe lock.
 */
final class TrackCopier {
    enum Action { SKIP, ZERO, COPY }

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(HostIo.TRACK_SIZE).asReadOnlyBuffer();

    private final LdevStore ldevs;

    TrackCopier(LdevStore ldevs) {
        this.ldevs = ldevs;
    }

    /** Decides what copying the track takes; a COPY marks the destination written. */
    Action plan(LdevId source, LdevId destination, int track) throws IOException {
        DurableBitmap destinationWritten = ldevs.written(destination);
        if (ldevs.written(source).get(track)) {
            destinationWritten.set(track);
            return Action.COPY;
        }
        return destinationWritten.get(track) ? Action.ZERO : Action.SKIP;
    }

    /** Copies {@code length} bytes of the track (the pair's P-VOL track length); does not force. */
    void copy(Action action, LdevId source, LdevId destination, int track, int length) throws IOException {
        long offset = (long) track * HostIo.TRACK_SIZE;
        switch (action) {
            case SKIP -> { }
            case ZERO -> ldevs.write(destination, offset, ZEROS.duplicate().limit(length));
            case COPY -> ldevs.copy(source, destination, offset, length);
        }
    }
}
