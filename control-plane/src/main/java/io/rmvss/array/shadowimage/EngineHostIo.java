package io.rmvss.array.shadowimage;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.storage.Guard;
import io.rmvss.array.storage.HostIo;
import io.rmvss.array.storage.Ldev;
import io.rmvss.array.storage.TrackLocks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host's reads and writes, with the array's rules and the ShadowImage side effects:
 * <ul>
 * <li>a P-VOL write in a mirroring state marks the track pending (copied behind);</li>
 * <li>a P-VOL write in a split state marks it P-changed, after first copying the track's
 *     point-in-time data to the S-VOL if that copy is still pending (copy-before-write);</li>
 * <li>an S-VOL read of a track whose point-in-time data is still on the P-VOL reads the P-VOL;</li>
 * <li>an S-VOL write on such a track first copies it, then marks it S-changed.</li>
 * </ul>
 * Ordering for crash safety: bits are durable before the data write, the copied track is durable
 * before its pending bit clears, and the host's data is forced before {@link #write} returns.
 */
public final class EngineHostIo implements HostIo {
    private final ShadowImageEngine engine;

    public EngineHostIo(ShadowImageEngine engine) {
        this.engine = engine;
    }

    private record CopyBeforeWrite(Pair pair, int track, TrackCopier.Action action) {
    }

    @Override
    public void read(LdevId id, long offset, byte[] buffer, int bufferOffset, int length) throws ArrayException {
        Ldev ldev = checkRequest(id, offset, buffer, bufferOffset, length);
        if (length == 0) {
            return;
        }
        int first = firstTrack(offset);
        int last = lastTrack(offset, length);
        List<ReentrantLock> held = lockStripes(first, last);
        try {
            List<LdevId> sources = new ArrayList<>(last - first + 1);
            long pvolSize = 0;
            engine.lock.lock();
            try {
                checkAccess(ldev, false);
                Pair pair = engine.pairOfSvolLocked(id);
                boolean redirect = pair != null && (pair.mirroring() || pair.freezing());
                if (redirect) {
                    pvolSize = engine.ldevs.ldev(pair.pvol()).sizeBytes();
                }
                for (int track = first; track <= last; track++) {
                    sources.add(redirect && track < pair.tracks && pair.bitmaps.pending.get(track) ? pair.pvol() : id);
                }
            } finally {
                engine.lock.unlock();
            }
            long position = offset;
            long end = offset + length;
            for (int track = first; track <= last; track++) {
                long trackEnd = Math.min(end, (long) (track + 1) * TRACK_SIZE);
                LdevId source = sources.get(track - first);
                if (!source.equals(id)) {
                    // The S-VOL's data for this track is still the P-VOL's (beyond the P-VOL's end it is the S-VOL's own).
                    long fromPvol = Math.min(trackEnd, pvolSize);
                    readInto(source, position, buffer, bufferOffset + (int) (position - offset), (int) (fromPvol - position));
                    position = fromPvol;
                }
                if (position < trackEnd) {
                    readInto(id, position, buffer, bufferOffset + (int) (position - offset), (int) (trackEnd - position));
                }
                position = trackEnd;
            }
        } catch (IOException e) {
            throw engine.ioError("reading LDEV " + id, e);
        } finally {
            unlock(held);
        }
    }

    private void readInto(LdevId id, long position, byte[] buffer, int at, int length) throws IOException {
        if (length > 0) {
            engine.ldevs.read(id, position, ByteBuffer.wrap(buffer, at, length));
        }
    }

    @Override
    public void write(LdevId id, long offset, byte[] buffer, int bufferOffset, int length) throws ArrayException {
        Ldev ldev = checkRequest(id, offset, buffer, bufferOffset, length);
        if (length == 0) {
            return;
        }
        int first = firstTrack(offset);
        int last = lastTrack(offset, length);
        List<ReentrantLock> held = lockStripes(first, last);
        try {
            List<CopyBeforeWrite> copies = markTracks(ldev, first, last);
            if (!copies.isEmpty()) {
                copyBeforeWrite(copies);
            }
            engine.ldevs.write(id, offset, ByteBuffer.wrap(buffer, bufferOffset, length));
            engine.ldevs.force(id);
        } catch (IOException e) {
            throw engine.ioError("writing LDEV " + id, e);
        } finally {
            unlock(held);
        }
    }

    /** Under the engine lock: checks access, sets and forces every bit the write needs, plans copy-before-writes. */
    private List<CopyBeforeWrite> markTracks(Ldev ldev, int first, int last) throws ArrayException, IOException {
        LdevId id = ldev.id();
        List<CopyBeforeWrite> copies = new ArrayList<>();
        Set<PairBitmaps> touched = new LinkedHashSet<>();
        engine.lock.lock();
        try {
            checkAccess(ldev, true);
            List<Pair> asPvol = engine.pairsOfPvol(id);
            Pair asSvol = engine.pairOfSvolLocked(id);
            for (int track = first; track <= last; track++) {
                for (Pair pair : asPvol) {
                    if (pair.mirroring()) {
                        pair.bitmaps.pending.set(track);
                    } else {
                        if (pair.freezing() && pair.bitmaps.pending.get(track)) {
                            copies.add(new CopyBeforeWrite(pair, track, engine.copier.plan(id, pair.svol, track)));
                        }
                        pair.bitmaps.pvolDirty.set(track);
                    }
                    touched.add(pair.bitmaps);
                }
                if (asSvol != null && track < asSvol.tracks) {
                    if (asSvol.freezing() && asSvol.bitmaps.pending.get(track)) {
                        copies.add(new CopyBeforeWrite(asSvol, track, engine.copier.plan(asSvol.pvol(), id, track)));
                    }
                    asSvol.bitmaps.svolDirty.set(track);
                    touched.add(asSvol.bitmaps);
                }
                engine.ldevs.written(id).set(track);
            }
            for (PairBitmaps bitmaps : touched) {
                bitmaps.force();
            }
            for (Pair pair : asPvol) {
                engine.schedule(pair);
            }
            engine.changed.signalAll();
        } finally {
            engine.lock.unlock();
        }
        return copies;
    }

    /** Copies the point-in-time tracks to the S-VOL, durably, and clears them before the host's data lands. */
    private void copyBeforeWrite(List<CopyBeforeWrite> copies) throws IOException {
        Set<LdevId> destinations = new LinkedHashSet<>();
        for (CopyBeforeWrite c : copies) {
            engine.copier.copy(c.action(), c.pair().pvol(), c.pair().svol, c.track(), engine.ldevs.trackLength(c.pair().pvol(), c.track()));
            destinations.add(c.pair().svol);
        }
        for (LdevId destination : destinations) {
            engine.ldevs.force(destination);
        }
        Set<PairBitmaps> touched = new LinkedHashSet<>();
        engine.lock.lock();
        try {
            for (CopyBeforeWrite c : copies) {
                if (!c.pair().removed) {
                    c.pair().bitmaps.pending.clear(c.track());
                    touched.add(c.pair().bitmaps);
                }
            }
            for (PairBitmaps bitmaps : touched) {
                bitmaps.force();
            }
            engine.tracksCopied.addAndGet(copies.size());
            engine.changed.signalAll();
        } finally {
            engine.lock.unlock();
        }
    }

    private void checkAccess(Ldev ldev, boolean write) throws ArrayException {
        LdevId id = ldev.id();
        String op = write ? "write to" : "read of";
        if (ldev.commandDevice()) {
            throw new ArrayException(CciError.EX_CMDRJE, op + " LDEV " + id + " refused: it is a command device, which carries CCI's"
                    + " orders and no user data; use a data LDEV");
        }
        Set<Guard> guards = engine.guardsLocked(id);
        if (guards.contains(Guard.INVISIBLE)) {
            throw new ArrayException(CciError.EX_ENODEV, op + " LDEV " + id + " refused: the LUN is hidden from the host (INVISIBLE);"
                    + " release the guard with raidvchkset -vg before using it");
        }
        if (guards.contains(Guard.READ_WRITE_DISABLED) || guards.contains(Guard.SIZE_ZERO)
                || (write && guards.contains(Guard.WRITE_DISABLED))) {
            throw new ArrayException(CciError.EX_ERPERM, op + " LDEV " + id + " refused by its guard attributes " + guards
                    + "; release them with raidvchkset -vg");
        }
        for (Pair pair : engine.pairsOfPvol(id)) {
            if (pair.restoring()) {
                throw new ArrayException(CciError.EX_ERPERM, op + " P-VOL " + id + " refused: it is being restored from S-VOL "
                        + pair.svol + " (RCPY); wait for PAIR (pairevtwait -s pair)");
            }
        }
        Pair pair = engine.pairOfSvolLocked(id);
        if (pair == null) {
            return;
        }
        if (write) {
            boolean usable = pair.state == PairState.PSUS_SP || pair.state == PairState.PSUS || pair.state == PairState.PSUE;
            if (!usable) {
                throw new ArrayException(CciError.EX_ERPERM, "write to S-VOL " + id + " refused: the S-VOL is write-inhibited while its pair is "
                        + pair.state.svolStatus() + " (" + pair.state + "); split the pair (pairsplit) first");
            }
            if (!pair.svolWritable) {
                throw new ArrayException(CciError.EX_ERPERM, "write to S-VOL " + id + " refused: the pair was split read-only (pairsplit -r);"
                        + " split with -rw to write the S-VOL");
            }
        } else if (pair.noread && !pair.state.split()) {
            throw new ArrayException(CciError.EX_ERPERM, "read of S-VOL " + id + " refused: the pair was created with -m noread and is "
                    + pair.state.svolStatus() + "; split the pair to read the S-VOL");
        }
    }

    private Ldev checkRequest(LdevId id, long offset, byte[] buffer, int bufferOffset, int length) throws ArrayException {
        Ldev ldev = engine.ldevs.ldev(id);
        if (ldev == null) {
            throw new ArrayException(CciError.EX_ENLDEV, "LDEV " + id + " does not exist on the array; check the serial and LDEV number");
        }
        if (offset < 0 || length < 0 || bufferOffset < 0 || bufferOffset + length > buffer.length
                || offset + length > ldev.sizeBytes()) {
            throw new ArrayException(CciError.EX_INVARG, "I/O of " + length + " bytes at offset " + offset + " does not fit LDEV " + id
                    + " (" + ldev.sizeBytes() + " bytes) or the buffer (" + buffer.length + " bytes); keep it inside both");
        }
        return ldev;
    }

    private static int firstTrack(long offset) {
        return (int) (offset / TRACK_SIZE);
    }

    private static int lastTrack(long offset, int length) {
        return (int) ((offset + length - 1) / TRACK_SIZE);
    }

    private List<ReentrantLock> lockStripes(int first, int last) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (int track = first; track <= last && stripes.size() < 4096; track++) {
            stripes.add(TrackLocks.stripe(track));
        }
        List<ReentrantLock> held = new ArrayList<>(stripes.size());
        for (int stripe : stripes) {
            ReentrantLock lock = engine.trackLocks.forStripe(stripe);
            lock.lock();
            held.add(lock);
        }
        return held;
    }

    private static void unlock(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }
}
