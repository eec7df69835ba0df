package io.rmvss.array.shadowimage;

import io.rmvss.array.ArrayException;
import io.rmvss.array.LdevId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The array's copy engine: a small pool of threads that copy pending tracks of pairs in batches.
 * A pair has at most {@link #runnersPerPair} batches queued or running (on disjoint tracks, so one
 * copies while another flushes); after each batch it goes to the back of the queue, so pairs share
 * the threads round robin. Two batches that pick the same track serialise on its stripe lock and
 * the second finds it no longer pending. A batch copies its tracks, forces the destination,
 * and only then clears the pending bits (durably): a crash at any point leaves the track pending.
 */
final class BackgroundCopy implements AutoCloseable {
    /** Tracks per batch for each step of {@code paircreate -c}; the default pace 3 copies 6 MiB per flush. */
    private static final int TRACKS_PER_PACE = 8;

    private final ShadowImageEngine engine;
    private final ExecutorService threads;
    private final int runnersPerPair;
    private volatile boolean closing;
    private volatile boolean paused;

    BackgroundCopy(ShadowImageEngine engine, int threadCount) {
        this.engine = engine;
        this.runnersPerPair = threadCount;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, task -> {
            Thread thread = new Thread(task, "si-copy-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Copy tasks one pair may run at once: while one flushes, the other copies. */
    int runnersPerPair() {
        return runnersPerPair;
    }

    /** Queues a batch for the pair; the caller has counted it in {@code pair.runners}. */
    void submit(Pair pair) {
        try {
            threads.execute(() -> runBatch(pair));
        } catch (RejectedExecutionException e) {
            engine.lock.lock();
            try {
                pair.runners--;
            } finally {
                engine.lock.unlock();
            }
        }
    }

    private void runBatch(Pair pair) {
        List<Integer> tracks;
        boolean restore;
        engine.lock.lock();
        try {
            if (closing || paused || pair.removed || !pair.copyActive()) {
                pair.runners--;
                return;
            }
            restore = pair.restoring();
            tracks = nextPending(pair, TRACKS_PER_PACE * pair.copyPace);
            if (tracks.isEmpty()) {
                pair.runners--;
                if (pair.runners == 0) {
                    engine.copyFinished(pair);
                }
                return;
            }
        } catch (ArrayException e) {
            System.err.println("rmvss array: cannot finish the copy of pair " + pair.pvol() + " MU#" + pair.key.mu() + ": " + e.getMessage());
            return;
        } finally {
            engine.lock.unlock();
        }
        List<ReentrantLock> held = lockStripes(tracks);
        try {
            copyBatch(pair, tracks, restore);
        } catch (IOException e) {
            engine.lock.lock();
            try {
                engine.copyFailed(pair, e);
            } finally {
                engine.lock.unlock();
            }
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
        submit(pair); // next batch, or finish the copying state when nothing is left
    }

    private void copyBatch(Pair pair, List<Integer> tracks, boolean restore) throws IOException {
        LdevId source = restore ? pair.svol : pair.pvol();
        LdevId destination = restore ? pair.pvol() : pair.svol;
        List<TrackCopier.Action> actions = new ArrayList<>(tracks.size());
        List<Integer> planned = new ArrayList<>(tracks.size());
        engine.lock.lock();
        try {
            if (pair.removed || pair.restoring() != restore) {
                return;
            }
            List<Pair> siblings = restore ? engine.pairsOfPvol(pair.pvol()) : List.of();
            for (int track : tracks) {
                if (pair.bitmaps.pending.get(track)) { // a copy-before-write may have done it meanwhile
                    planned.add(track);
                    TrackCopier.Action action = engine.copier.plan(source, destination, track);
                    actions.add(action);
                    for (Pair sibling : siblings) {
                        // The restore changes the P-VOL under its other (split or suspended) pairs.
                        if (sibling != pair && action != TrackCopier.Action.SKIP) {
                            sibling.bitmaps.pvolDirty.set(track);
                        }
                    }
                }
            }
            for (Pair sibling : siblings) {
                sibling.bitmaps.force(); // durable before the P-VOL changes
            }
        } finally {
            engine.lock.unlock();
        }
        for (int i = 0; i < planned.size(); i++) {
            int track = planned.get(i);
            engine.copier.copy(actions.get(i), source, destination, track, engine.ldevs.trackLength(pair.pvol(), track));
        }
        engine.ldevs.force(destination);
        engine.lock.lock();
        try {
            if (pair.removed || pair.restoring() != restore) {
                return;
            }
            for (int track : planned) {
                pair.bitmaps.pending.clear(track);
            }
            pair.bitmaps.force();
            engine.tracksCopied.addAndGet(planned.size());
            engine.changed.signalAll();
        } finally {
            engine.lock.unlock();
        }
    }

    private static List<Integer> nextPending(Pair pair, int max) {
        List<Integer> tracks = new ArrayList<>(max);
        int track = pair.bitmaps.pending.nextSetBit(pair.cursor);
        if (track < 0) {
            track = pair.bitmaps.pending.nextSetBit(0);
        }
        while (track >= 0 && tracks.size() < max) {
            tracks.add(track);
            track = pair.bitmaps.pending.nextSetBit(track + 1);
        }
        pair.cursor = track < 0 ? 0 : track;
        return tracks;
    }

    /** Takes the stripe locks of the tracks in ascending stripe order (the order every multi-stripe holder uses). */
    private List<ReentrantLock> lockStripes(List<Integer> tracks) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (int track : tracks) {
            stripes.add(io.rmvss.array.storage.TrackLocks.stripe(track));
        }
        List<ReentrantLock> held = new ArrayList<>(stripes.size());
        for (int stripe : stripes) {
            ReentrantLock lock = engine.trackLocks.forStripe(stripe);
            lock.lock();
            held.add(lock);
        }
        return held;
    }

    /** Holds every background copy after its current batch (pairs stay in their copying states). */
    void pause() {
        paused = true;
    }

    /** Lets copies run again; the caller reschedules the pairs. */
    void resume() {
        paused = false;
    }

    @Override
    public void close() {
        closing = true;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
