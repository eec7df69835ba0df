package io.rmvss.array.shadowimage;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.storage.DurableBitmap;
import io.rmvss.array.storage.Guard;
import io.rmvss.array.storage.Ldev;
import io.rmvss.array.storage.LdevStore;
import io.rmvss.array.storage.TrackLocks;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The ShadowImage engine of the simulated array: pair states per CCI's acceptance rules, durable
 * per-track bitmaps and the background copy. Also keeps the volumes' guard attributes, which are
 * persisted with the pairs. Host I/O that must cooperate with pairs (copy-before-write, write
 * inhibit) goes through {@link EngineHostIo}.
 * <p>
 * Locking: {@link #lock} guards all pair state and bitmaps; track stripe locks ({@link TrackLocks})
 * serialise data movement per track and are always taken before {@link #lock}, never while holding it.
 */
public final class ShadowImageEngine implements ShadowImage, AutoCloseable {
    static final String PAIRS_DIRECTORY = "pairs";

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final LdevStore ldevs;
    final TrackLocks trackLocks;
    final TrackCopier copier;
    final AtomicLong tracksCopied = new AtomicLong();

    private final Map<PairKey, Pair> pairs = new HashMap<>();
    private final Map<LdevId, Pair> pairBySvol = new HashMap<>();
    private final Map<LdevId, Set<Guard>> guards = new HashMap<>();
    private final Path pairsDirectory;
    private final EngineStateFile stateFile;
    private final BackgroundCopy background;
    private long nextGeneration;

    private ShadowImageEngine(Path directory, LdevStore ldevs, TrackLocks trackLocks, int copyThreads) {
        this.ldevs = ldevs;
        this.trackLocks = trackLocks;
        this.copier = new TrackCopier(ldevs);
        this.pairsDirectory = directory.resolve(PAIRS_DIRECTORY);
        this.stateFile = new EngineStateFile(directory);
        this.background = new BackgroundCopy(this, copyThreads);
    }

    /** Writes the empty state of a new array into {@code directory}. */
    public static void initialize(Path directory) throws IOException {
        Files.createDirectories(directory.resolve(PAIRS_DIRECTORY));
        new EngineStateFile(directory).save(EngineStateFile.State.empty());
    }

    /** Loads pairs, bitmaps and guards, and resumes every copy that was running. */
    public static ShadowImageEngine open(Path directory, LdevStore ldevs, TrackLocks trackLocks, int copyThreads)
            throws IOException {
        ShadowImageEngine engine = new ShadowImageEngine(directory, ldevs, trackLocks, copyThreads);
        try {
            engine.load();
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private void load() throws IOException {
        if (!stateFile.exists()) {
            throw new IOException("the array directory has no " + EngineStateFile.NAME
                    + "; it was not created completely: remove it and create the array again");
        }
        EngineStateFile.State state = stateFile.load();
        nextGeneration = state.nextGeneration();
        Set<Path> live = new HashSet<>();
        lock.lock();
        try {
            for (EngineStateFile.PairRecord r : state.pairs()) {
                PairKey key = new PairKey(new LdevId(r.pvolSerial(), r.pvolLdev()), r.mu());
                LdevId svol = new LdevId(r.svolSerial(), r.svolLdev());
                if (ldevs.ldev(key.pvol()) == null || ldevs.ldev(svol) == null) {
                    throw new IOException("pair " + key.pvol() + " MU#" + r.mu() + " names an LDEV the layout does not have;"
                            + " the state file does not belong to this layout");
                }
                int tracks = ldevs.tracks(key.pvol());
                PairBitmaps bitmaps = PairBitmaps.open(pairsDirectory, key, r.generation(), tracks);
                live.add(PairBitmaps.file(pairsDirectory, key, r.generation()).getFileName());
                Pair pair = new Pair(key, svol, tracks, r.copyPace(), r.noread(), r.state(), r.svolWritable(), bitmaps);
                pairs.put(key, pair);
                pairBySvol.put(svol, pair);
            }
            for (EngineStateFile.GuardRecord g : state.guards()) {
                if (!g.guards().isEmpty()) {
                    guards.put(new LdevId(g.serial(), g.ldev()), EnumSet.copyOf(g.guards()));
                }
            }
            for (Pair pair : pairs.values()) {
                schedule(pair);
            }
        } finally {
            lock.unlock();
        }
        removeStaleBitmapFiles(live);
    }

    /** Generations left behind by a crash between writing a new generation and deleting the old one. */
    private void removeStaleBitmapFiles(Set<Path> live) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pairsDirectory)) {
            for (Path file : files) {
                if (!live.contains(file.getFileName())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    // ---- commands -------------------------------------------------------------------------

    @Override
    public PairInfo create(LdevId pvol, LdevId svol, int mu, CreateOptions options) throws ArrayException {
        checkMu(mu);
        lock.lock();
        try {
            Pair existing = pairs.get(new PairKey(pvol, mu));
            if (existing != null) {
                return createOnExistingPair(existing, svol, options);
            }
            Ldev p = requireLdev(pvol, "P-VOL");
            Ldev s = requireLdev(svol, "S-VOL");
            checkPairable(p, s, mu);
            checkNotRestoring(pvol, "paircreate");
            if (options.copyPace() < 1 || options.copyPace() > 15) {
                throw new ArrayException(CciError.EX_INVARG, "copy pace " + options.copyPace()
                        + " is out of range; paircreate -c takes 1-15 (default " + CreateOptions.DEFAULT_PACE + ")");
            }
            PairKey key = new PairKey(pvol, mu);
            int tracks = ldevs.tracks(pvol);
            // Initial copy: only tracks written on either side can differ (both read zeros otherwise).
            long[] pending = union(tracks, ldevs.written(pvol), ldevs.written(svol));
            long[] none = new long[DurableBitmap.wordsFor(tracks)];
            PairBitmaps bitmaps = newGeneration(key, tracks, pending, none, none);
            PairState state = options.splitAfterCreate() ? PairState.PSUS_SP : PairState.COPY_PD;
            Pair pair = new Pair(key, svol, tracks, options.copyPace(), options.noread(), state, true, bitmaps);
            pairs.put(key, pair);
            pairBySvol.put(svol, pair);
            try {
                persist();
            } catch (ArrayException e) {
                pairs.remove(key);
                pairBySvol.remove(svol);
                bitmaps.closeAndDelete();
                throw e;
            }
            changed.signalAll();
            schedule(pair);
            return pair.info();
        } finally {
            lock.unlock();
        }
    }

    private PairInfo createOnExistingPair(Pair pair, LdevId svol, CreateOptions options) throws ArrayException {
        if (!pair.svol.equals(svol)) {
            throw new ArrayException(CciError.EX_INVVOL, "P-VOL " + pair.pvol() + " MU#" + pair.key.mu()
                    + " is already paired with S-VOL " + pair.svol + "; delete that pair (pairsplit -S) or use another MU#");
        }
        String status = pair.state.pvolStatus();
        boolean suspended = status.equals("PSUS") || status.equals("PSUE");
        if (options.splitAfterCreate()) {
            // paircreate -split on a pair that exists: splits a copying/paired pair, accepts a split one as is.
            return suspended ? pair.info() : splitLocked(pair, new SplitOptions(true, true));
        }
        if (suspended) {
            throw invalidState(pair, "paircreate", "the pair already exists and is split; use pairresync to pair it again");
        }
        return pair.info();
    }

    private void checkPairable(Ldev p, Ldev s, int mu) throws ArrayException {
        LdevId pvol = p.id();
        LdevId svol = s.id();
        if (pvol.serial() != svol.serial()) {
            throw new ArrayException(CciError.EX_EVOLCE, "P-VOL " + pvol + " and S-VOL " + svol
                    + " are on different storage systems; ShadowImage pairs LDEVs of one array (use TrueCopy across arrays)");
        }
        if (pvol.equals(svol)) {
            throw new ArrayException(CciError.EX_EVOLCE, "LDEV " + pvol + " cannot be paired with itself; name another S-VOL");
        }
        for (Ldev ldev : List.of(p, s)) {
            if (ldev.commandDevice()) {
                throw new ArrayException(CciError.EX_CMDRJE, "LDEV " + ldev.id() + " is a command device and cannot be part of a pair;"
                        + " pair data LDEVs only");
            }
        }
        if (guards(svol).contains(Guard.SVOL_DISABLED)) {
            throw new ArrayException(CciError.EX_CMDRJE, "LDEV " + svol + " is guarded against becoming an S-VOL (raidvchkset -vg svd);"
                    + " release the guard with raidvchkset -vg or choose another S-VOL");
        }
        if (s.sizeBytes() < p.sizeBytes()) {
            throw new ArrayException(CciError.EX_ENQSIZ, "S-VOL " + svol + " (" + s.blocks() + " blocks) is smaller than P-VOL "
                    + pvol + " (" + p.blocks() + " blocks); choose an S-VOL at least as large");
        }
        Pair svolOfPvol = pairBySvol.get(pvol);
        if (svolOfPvol != null) {
            throw new ArrayException(CciError.EX_EVOLCE, "LDEV " + pvol + " is the S-VOL of the pair with P-VOL " + svolOfPvol.pvol()
                    + " MU#" + svolOfPvol.key.mu() + " and cannot also be a P-VOL; delete that pair first");
        }
        Pair otherPair = pairBySvol.get(svol);
        if (otherPair != null) {
            throw new ArrayException(CciError.EX_INVVOL, "LDEV " + svol + " is already the S-VOL of the pair with P-VOL "
                    + otherPair.pvol() + " MU#" + otherPair.key.mu() + "; an LDEV is S-VOL of one pair only: delete that pair first");
        }
        if (!pairsOfPvol(svol).isEmpty()) {
            throw new ArrayException(CciError.EX_EVOLCE, "LDEV " + svol + " is a P-VOL and cannot also be an S-VOL;"
                    + " delete its pairs first or choose another S-VOL");
        }
    }

    @Override
    public PairInfo split(LdevId pvol, int mu, SplitOptions options) throws ArrayException {
        checkMu(mu);
        lock.lock();
        try {
            return splitLocked(requirePair(pvol, mu, "pairsplit"), options);
        } finally {
            lock.unlock();
        }
    }

    private PairInfo splitLocked(Pair pair, SplitOptions options) throws ArrayException {
        switch (pair.state) {
            case COPY_PD, PAIR, COPY_RS -> {
                // The pending tracks become the point-in-time copy still to do; nothing else changes on disk.
                transition(pair, options.quick() ? PairState.PSUS_SP : PairState.COPY_SP, null, options.svolWritable());
            }
            case COPY_RS_R -> {
                // Split during a restore: the P-VOL keeps what was restored so far; the rest stays a difference.
                long[] dirty = or(pair.bitmaps.pending.words(), pair.bitmaps.pvolDirty.words());
                PairBitmaps next = newGeneration(pair.key, pair.tracks, new long[dirty.length], dirty, pair.bitmaps.svolDirty.words());
                transition(pair, PairState.PSUS, next, options.svolWritable());
            }
            default -> {
                // COPY(SP), PSUS(SP), PSUS, PSUE: already split or suspended; accepted without change.
            }
        }
        return pair.info();
    }

    @Override
    public PairInfo suspendOnError(LdevId pvol, int mu) throws ArrayException {
        checkMu(mu);
        lock.lock();
        try {
            Pair pair = requirePair(pvol, mu, "pairsplit -E");
            if (pair.state != PairState.PSUE) {
                transition(pair, PairState.PSUE, null, null);
            }
            return pair.info();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(LdevId pvol, int mu) throws ArrayException {
        checkMu(mu);
        lock.lock();
        try {
            Pair pair = pairs.get(new PairKey(pvol, mu));
            if (pair == null) {
                return; // pairsplit -S on SMPL is accepted and changes nothing
            }
            pairs.remove(pair.key);
            pairBySvol.remove(pair.svol);
            try {
                persist();
            } catch (ArrayException e) {
                pairs.put(pair.key, pair);
                pairBySvol.put(pair.svol, pair);
                throw e;
            }
            pair.removed = true;
            pair.bitmaps.closeAndDelete();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PairInfo resync(LdevId pvol, int mu, boolean quick) throws ArrayException {
        checkMu(mu);
        lock.lock();
        try {
            Pair pair = requirePair(pvol, mu, "pairresync");
            if (!pair.restoring()) {
                checkNotRestoring(pvol, "pairresync");
            }
            PairState next = quick ? PairState.PAIR : PairState.COPY_RS;
            PairBitmaps bitmaps = pair.bitmaps;
            switch (pair.state) {
                case PSUS, PSUS_SP, COPY_SP -> {
                    // A split whose copy still runs (COPY(SP) shows COPY in CCI) is resynced too rather than
                    // accepted without change: otherwise it would still end in PSUS although pairresync succeeded.
                    long[] pending = or(bitmaps.pending.words(), bitmaps.pvolDirty.words(), bitmaps.svolDirty.words());
                    resyncWith(pair, pending, next);
                }
                case PSUE -> {
                    // After an error suspend nothing is known about the S-VOL: copy every track that may hold data.
                    long[] pending = or(bitmaps.pending.words(), bitmaps.pvolDirty.words(), bitmaps.svolDirty.words(),
                            union(pair.tracks, ldevs.written(pair.pvol()), ldevs.written(pair.svol)));
                    resyncWith(pair, pending, next);
                }
                default -> {
                    // COPY, RCPY, PAIR: accepted without change.
                }
            }
            return pair.info();
        } finally {
            lock.unlock();
        }
    }

    private void resyncWith(Pair pair, long[] pending, PairState next) throws ArrayException {
        long[] none = new long[pending.length];
        transition(pair, next, newGeneration(pair.key, pair.tracks, pending, none, none), null);
    }

    @Override
    public PairInfo restore(LdevId pvol, int mu, boolean quick) throws ArrayException {
        checkMu(mu);
        lock.lock();
        try {
            Pair pair = requirePair(pvol, mu, "pairresync -restore");
            if (pair.state != PairState.PSUS) {
                throw invalidState(pair, "pairresync -restore", "restore needs the pair split and its copy finished (PSUS/SSUS);"
                        + " wait with pairevtwait -ss ssus or split the pair first");
            }
            for (Pair other : pairsOfPvol(pvol)) {
                // The restore rewrites the P-VOL under the other pairs: each must be split with its copy done
                // (then the restored tracks just count as P-VOL changes) or suspended.
                if (other != pair && other.state != PairState.PSUS && other.state != PairState.PSUE) {
                    throw invalidState(pair, "pairresync -restore", "the P-VOL's pair with MU#" + other.key.mu() + " is "
                            + other.state + "; split (and wait for PSUS) or suspend the P-VOL's other pairs first");
                }
            }
            // Quick restore is carried out as a normal restore: the S-VOL's data is copied to the P-VOL.
            PairBitmaps bitmaps = pair.bitmaps;
            long[] pending = or(bitmaps.pending.words(), bitmaps.pvolDirty.words(), bitmaps.svolDirty.words());
            long[] none = new long[pending.length];
            transition(pair, PairState.COPY_RS_R, newGeneration(pair.key, pair.tracks, pending, none, none), null);
            return pair.info();
        } finally {
            lock.unlock();
        }
    }

    // ---- queries --------------------------------------------------------------------------

    @Override
    public Optional<PairInfo> pair(LdevId pvol, int mu) {
        lock.lock();
        try {
            return Optional.ofNullable(pairs.get(new PairKey(pvol, mu))).map(Pair::info);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<PairInfo> pairOfSvol(LdevId svol) {
        lock.lock();
        try {
            return Optional.ofNullable(pairBySvol.get(svol)).map(Pair::info);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<PairInfo> pairsOf(LdevId ldev) {
        lock.lock();
        try {
            List<PairInfo> result = new ArrayList<>();
            for (Pair pair : pairsOfPvol(ldev)) {
                result.add(pair.info());
            }
            Pair asSvol = pairBySvol.get(ldev);
            if (asSvol != null) {
                result.add(asSvol.info());
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<PairInfo> pairs() {
        lock.lock();
        try {
            List<Pair> sorted = new ArrayList<>(pairs.values());
            sorted.sort(Comparator.comparing((Pair p) -> p.pvol()).thenComparingInt(p -> p.key.mu()));
            return sorted.stream().map(Pair::info).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PairInfo await(LdevId pvol, int mu, Predicate<PairInfo> condition, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Pair pair = pairs.get(new PairKey(pvol, mu));
                PairInfo info = pair != null ? pair.info()
                        : new PairInfo(pvol, null, mu, PairState.SMPL, 0, false, false, false, 0);
                if (condition.test(info) || remaining <= 0) {
                    return info;
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long tracksCopied() {
        return tracksCopied.get();
    }

    // ---- guards ---------------------------------------------------------------------------

    public Set<Guard> guards(LdevId id) {
        lock.lock();
        try {
            Set<Guard> set = guards.get(id);
            return set == null ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(set));
        } finally {
            lock.unlock();
        }
    }

    public void setGuards(LdevId id, Set<Guard> newGuards) throws ArrayException {
        lock.lock();
        try {
            Ldev ldev = requireLdev(id, "volume");
            if (ldev.commandDevice()) {
                throw new ArrayException(CciError.EX_CMDRJE, "LDEV " + id + " is a command device; guard attributes apply to data LDEVs only");
            }
            Set<Guard> previous = guards.get(id);
            if (newGuards.isEmpty()) {
                guards.remove(id);
            } else {
                guards.put(id, EnumSet.copyOf(newGuards));
            }
            try {
                persist();
            } catch (ArrayException e) {
                if (previous == null) {
                    guards.remove(id);
                } else {
                    guards.put(id, previous);
                }
                throw e;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- internals shared with the copy and host I/O paths (call with the lock held) ---------

    List<Pair> pairsOfPvol(LdevId pvol) {
        List<Pair> result = new ArrayList<>(3);
        for (int mu = 0; mu <= 2; mu++) {
            Pair pair = pairs.get(new PairKey(pvol, mu));
            if (pair != null) {
                result.add(pair);
            }
        }
        return result;
    }

    Pair pairOfSvolLocked(LdevId svol) {
        return pairBySvol.get(svol);
    }

    Set<Guard> guardsLocked(LdevId id) {
        Set<Guard> set = guards.get(id);
        return set == null ? Set.of() : set;
    }

    void schedule(Pair pair) {
        while (pair.runners < background.runnersPerPair() && !pair.removed && pair.copyActive()) {
            pair.runners++;
            background.submit(pair);
        }
    }

    /** The background copy found nothing left to copy: finish the copying state. */
    void copyFinished(Pair pair) throws ArrayException {
        PairState next = switch (pair.state) {
            case COPY_PD, COPY_RS, COPY_RS_R -> PairState.PAIR;
            case COPY_SP, PSUS_SP -> PairState.PSUS;
            default -> pair.state;
        };
        if (next != pair.state) {
            transition(pair, next, null, null);
        }
    }

    /** A copy failed on disk: the pair goes to PSUE as a real array's would. */
    void copyFailed(Pair pair, IOException cause) {
        System.err.println("rmvss array: copy of pair " + pair.pvol() + " MU#" + pair.key.mu() + " failed, pair suspended (PSUE): " + cause);
        if (!pair.removed && pair.state != PairState.PSUE) {
            try {
                transition(pair, PairState.PSUE, null, null);
            } catch (ArrayException e) {
                pair.state = PairState.PSUE; // cannot persist either; keep the suspension in memory
            }
        }
    }

    ArrayException ioError(String what, IOException e) {
        return new ArrayException(CciError.EX_CMDIOE, what + " failed on the array's disk: " + e.getMessage()
                + "; check free space and permissions of the array's data directory");
    }

    // ---- helpers --------------------------------------------------------------------------

    private void transition(Pair pair, PairState next, PairBitmaps nextBitmaps, Boolean svolWritable) throws ArrayException {
        PairState previousState = pair.state;
        boolean previousWritable = pair.svolWritable;
        PairBitmaps previousBitmaps = pair.bitmaps;
        pair.state = next;
        if (svolWritable != null) {
            pair.svolWritable = svolWritable;
        }
        if (nextBitmaps != null) {
            pair.bitmaps = nextBitmaps;
        }
        try {
            persist();
        } catch (ArrayException e) {
            pair.state = previousState;
            pair.svolWritable = previousWritable;
            pair.bitmaps = previousBitmaps;
            if (nextBitmaps != null) {
                nextBitmaps.closeAndDelete();
            }
            throw e;
        }
        if (nextBitmaps != null) {
            previousBitmaps.closeAndDelete();
        }
        changed.signalAll();
        schedule(pair);
    }

    private PairBitmaps newGeneration(PairKey key, int tracks, long[] pending, long[] pvolDirty, long[] svolDirty)
            throws ArrayException {
        long generation = nextGeneration++;
        try {
            return PairBitmaps.create(pairsDirectory, key, generation, tracks, pending, pvolDirty, svolDirty);
        } catch (IOException e) {
            throw ioError("writing the bitmaps of pair " + key.pvol() + " MU#" + key.mu(), e);
        }
    }

    private void persist() throws ArrayException {
        List<EngineStateFile.PairRecord> pairRecords = new ArrayList<>();
        for (Pair p : pairs.values()) {
            pairRecords.add(new EngineStateFile.PairRecord(p.pvol().serial(), p.pvol().ldev(), p.svol.serial(), p.svol.ldev(),
                    p.key.mu(), p.state, p.noread, p.svolWritable, p.copyPace, p.bitmaps.generation));
        }
        List<EngineStateFile.GuardRecord> guardRecords = new ArrayList<>();
        guards.forEach((id, set) -> guardRecords.add(new EngineStateFile.GuardRecord(id.serial(), id.ldev(), set)));
        try {
            stateFile.save(new EngineStateFile.State(1, nextGeneration, pairRecords, guardRecords));
        } catch (IOException e) {
            throw ioError("saving the array state", e);
        }
    }

    private static long[] union(int tracks, DurableBitmap a, DurableBitmap b) {
        long[] result = new long[DurableBitmap.wordsFor(tracks)];
        long[] wa = a.words();
        long[] wb = b.words();
        for (int i = 0; i < result.length; i++) {
            result[i] = (i < wa.length ? wa[i] : 0) | (i < wb.length ? wb[i] : 0);
        }
        int tail = tracks & 63;
        if (tail != 0) {
            result[result.length - 1] &= (1L << tail) - 1;
        }
        return result;
    }

    private static long[] or(long[]... bitmaps) {
        long[] result = bitmaps[0].clone();
        for (int b = 1; b < bitmaps.length; b++) {
            for (int i = 0; i < result.length; i++) {
                result[i] |= bitmaps[b][i];
            }
        }
        return result;
    }

    /** While one pair restores into a P-VOL, its other pairs may not start copying from it. */
    private void checkNotRestoring(LdevId pvol, String command) throws ArrayException {
        for (Pair other : pairsOfPvol(pvol)) {
            if (other.restoring()) {
                throw new ArrayException(CciError.EX_INVSTP, command + " refused for P-VOL " + pvol + ": it is being restored from"
                        + " S-VOL " + other.svol + " (MU#" + other.key.mu() + ", RCPY); wait for PAIR (pairevtwait -s pair)");
            }
        }
    }

    private static void checkMu(int mu) throws ArrayException {
        if (mu < 0 || mu > 2) {
            throw new ArrayException(CciError.EX_INVMUN, "MU# " + mu + " is not valid for ShadowImage; use MU# 0, 1 or 2");
        }
    }

    private Ldev requireLdev(LdevId id, String role) throws ArrayException {
        Ldev ldev = ldevs.ldev(id);
        if (ldev == null) {
            throw new ArrayException(CciError.EX_ENLDEV, role + " LDEV " + id.ldev() + " (" + id.cuLdev() + ") does not exist on serial "
                    + id.serial() + "; check the LDEV number and the serial in horcm.conf");
        }
        return ldev;
    }

    private Pair requirePair(LdevId pvol, int mu, String command) throws ArrayException {
        Pair pair = pairs.get(new PairKey(pvol, mu));
        if (pair == null) {
            String hint = pairBySvol.containsKey(pvol)
                    ? "LDEV " + pvol + " is an S-VOL; name the pair by its P-VOL " + pairBySvol.get(pvol).pvol()
                    : "the volume is SMPL (not paired); create the pair with paircreate first";
            throw new ArrayException(CciError.EX_INVSTP, command + " refused for P-VOL " + pvol + " MU#" + mu + ": " + hint);
        }
        return pair;
    }

    private static ArrayException invalidState(Pair pair, String command, String fix) {
        return new ArrayException(CciError.EX_INVSTP, command + " refused for P-VOL " + pair.pvol() + " MU#" + pair.key.mu()
                + " in state " + pair.state + ": " + fix);
    }

    /** Stops the background copy; copies in flight finish their current batch, the rest resumes on the next open. */
    @Override
    public void close() {
        background.close();
        lock.lock();
        try {
            for (Pair pair : pairs.values()) {
                pair.bitmaps.close();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the background copy (maintenance knob; tests and demos use it to observe COPY states).
     * Host I/O keeps working and keeps its point-in-time guarantees; copies resume on {@link #resumeBackgroundCopy}
     * or when the array is opened again.
     */
    public void pauseBackgroundCopy() {
        background.pause();
    }

    public void resumeBackgroundCopy() {
        background.resume();
        lock.lock();
        try {
            for (Pair pair : pairs.values()) {
                schedule(pair);
            }
        } finally {
            lock.unlock();
        }
    }
}
