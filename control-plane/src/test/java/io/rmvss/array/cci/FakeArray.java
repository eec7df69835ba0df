package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.host.HostDisk;
import io.rmvss.array.host.HostVolume;
import io.rmvss.array.host.Inquiry;
import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.shadowimage.ShadowImage;
import io.rmvss.array.shadowimage.SplitOptions;
import io.rmvss.array.storage.Guard;
import io.rmvss.array.storage.HostIo;
import io.rmvss.array.storage.Ldev;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An in-memory stand-in for the array with the seed's 3.7.2 layout (serial 62496: command device LDEV 16
 * and LDEVs 18, 19 at CL2-C TID 25 LU 0-2, a local L040L2 disk), whose copies finish only when the test
 * calls {@link #finishCopies()}. It lets the CCI layer be tested before and independently of the engine.
 */
final class FakeArray implements StorageArray {
    static final int SERIAL = 62496;
    /** Mapped at CL2-C 25 3 but not presented to the host, so the seed's host view stays as printed. */
    static final int SPARE_LDEV = 20;

    private record Mapping(Ldev ldev, String port, int tid, int lun) {
    }

    private final Map<LdevId, Mapping> ldevs = new LinkedHashMap<>();
    private final Map<LdevId, Set<Guard>> guards = new HashMap<>();
    private final FakeShadowImage si = new FakeShadowImage();

    FakeArray() {
        this(1024L * 1024 * 1024);
    }

    /** @param svolSize the size of LDEV 19, to test unequal pairs */
    FakeArray(long svolSize) {
        add(new Ldev(new LdevId(SERIAL, 16), 48L << 20, "OPEN-3-CM", true, "0004", "5:01-04"), 0);
        add(new Ldev(new LdevId(SERIAL, 18), 1024L * 1024 * 1024, "OPEN-3", false, "0004", "5:01-04"), 1);
        add(new Ldev(new LdevId(SERIAL, 19), svolSize, "OPEN-3", false, "0004", "5:01-04"), 2);
        add(new Ldev(new LdevId(SERIAL, SPARE_LDEV), 1024L * 1024 * 1024, "OPEN-3", false, "0004", "5:01-04"), 3);
    }

    private void add(Ldev ldev, int lun) {
        ldevs.put(ldev.id(), new Mapping(ldev, "CL2-C", 25, lun));
    }

    void finishCopies() { si.finishCopies(); }

    @Override
    public List<StorageSystemInfo> systems() {
        return List.of(new StorageSystemInfo(SERIAL, "RAID500", "21-06-22/00", "2106", 2048));
    }

    @Override
    public Optional<Ldev> ldev(LdevId id) {
        return Optional.ofNullable(ldevs.get(id)).map(Mapping::ldev);
    }

    @Override
    public Optional<Ldev> ldevAt(int serial, String port, int targetId, int lun) {
        return ldevs.values().stream().filter(m -> m.ldev().id().serial() == serial && m.port().equalsIgnoreCase(port)
                && m.tid() == targetId && m.lun() == lun).map(Mapping::ldev).findFirst();
    }

    @Override
    public List<LunPath> pathsOf(LdevId id) {
        Mapping m = ldevs.get(id);
        return m == null ? List.of() : List.of(new LunPath(m.port(), m.tid(), m.lun()));
    }

    @Override
    public synchronized List<HostDisk> hostDisks() {
        List<HostDisk> disks = new ArrayList<>();
        int n = 0;
        for (Mapping m : ldevs.values()) {
            int number = n++;
            if (guards(m.ldev().id()).contains(Guard.INVISIBLE) || m.ldev().id().ldev() == SPARE_LDEV) {
                continue;
            }
            List<HostVolume> volumes = number == 1 ? List.of(new HostVolume('E', 12, 1)) : List.of();
            disks.add(new HostDisk(number, Optional.of(m.ldev().id()), m.port(), m.tid(), m.lun(), "HITACHI ", m.ldev().productId(), volumes));
        }
        disks.add(new HostDisk(3, Optional.empty(), null, 0, 0, "ATA     ", "L040L2", List.of(new HostVolume('D', 1, 3))));
        return disks;
    }

    @Override
    public Optional<HostDisk> hostDisk(String deviceName) {
        String n = deviceName.replace("\\\\.\\PhysicalDrive", "").replace("Harddisk", "");
        for (HostDisk d : hostDisks()) {
            if (Integer.toString(d.number()).equals(n) || d.volumes().stream().anyMatch(v -> (v.letter() + ":").equalsIgnoreCase(deviceName))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Inquiry> inquiry(LdevId id) {
        return Optional.empty();
    }

    @Override
    public synchronized Set<Guard> guards(LdevId id) {
        return Set.copyOf(guards.getOrDefault(id, Set.of()));
    }

    @Override
    public synchronized void setGuards(LdevId id, Set<Guard> g) throws ArrayException {
        if (!ldevs.containsKey(id)) {
            throw new ArrayException(CciError.EX_ENOOBJ, "no LDEV " + id);
        }
        guards.put(id, g.isEmpty() ? Set.of() : EnumSet.copyOf(g));
    }

    @Override
    public ShadowImage shadowImage() { return si; }

    @Override
    public HostIo io() { throw new UnsupportedOperationException("no host I/O in the fake"); }

    @Override
    public void close() {
    }

    /** Pairs by (P-VOL, MU#); every change notifies waiters. */
    private final class FakeShadowImage implements ShadowImage {
        private final Map<String, PairInfo> pairs = new LinkedHashMap<>();

        private String key(LdevId pvol, int mu) { return pvol + "/" + mu; }

        synchronized void finishCopies() {
            pairs.replaceAll((k, p) -> with(p, switch (p.state()) {
                case COPY_PD, COPY_RS, COPY_RS_R -> PairState.PAIR;
                case COPY_SP, PSUS_SP -> PairState.PSUS;
                default -> p.state();
            }, 100));
            notifyAll();
        }

        private PairInfo with(PairInfo p, PairState s, int percent) {
            return new PairInfo(p.pvol(), p.svol(), p.mu(), s, percent, p.noread(), p.svolWritable(), p.svolWrittenSinceSplit(), p.copyPace());
        }

        private PairInfo existing(LdevId pvol, int mu) throws ArrayException {
            PairInfo p = pairs.get(key(pvol, mu));
            if (p == null) {
                throw new ArrayException(CciError.EX_INVSTP, "no pair " + pvol + " MU#" + mu);
            }
            return p;
        }

        private PairInfo put(PairInfo p) {
            pairs.put(key(p.pvol(), p.mu()), p);
            notifyAll();
            return p;
        }

        @Override
        public synchronized PairInfo create(LdevId pvol, LdevId svol, int mu, CreateOptions o) throws ArrayException {
            if (pairs.containsKey(key(pvol, mu)) || pairOfSvol(svol).isPresent()) {
                throw new ArrayException(CciError.EX_INVSTP, "already paired");
            }
            if (ldevs.get(pvol).ldev().sizeBytes() != ldevs.get(svol).ldev().sizeBytes()) {
                throw new ArrayException(CciError.EX_ENQSIZ, "sizes differ");
            }
            return put(new PairInfo(pvol, svol, mu, o.splitAfterCreate() ? PairState.PSUS : PairState.COPY_PD, 0, o.noread(), true, false,
                    o.copyPace()));
        }

        @Override
        public synchronized PairInfo split(LdevId pvol, int mu, SplitOptions o) throws ArrayException {
            PairInfo p = existing(pvol, mu);
            return put(new PairInfo(p.pvol(), p.svol(), mu, o.quick() ? PairState.PSUS_SP : PairState.COPY_SP, p.copyPercent(), p.noread(),
                    o.svolWritable(), false, p.copyPace()));
        }

        @Override
        public synchronized PairInfo suspendOnError(LdevId pvol, int mu) throws ArrayException {
            return put(with(existing(pvol, mu), PairState.PSUE, 0));
        }

        @Override
        public synchronized void delete(LdevId pvol, int mu) throws ArrayException {
            existing(pvol, mu);
            pairs.remove(key(pvol, mu));
            notifyAll();
        }

        @Override
        public synchronized PairInfo resync(LdevId pvol, int mu, boolean quick) throws ArrayException {
            return put(with(existing(pvol, mu), PairState.COPY_RS, 50));
        }

        @Override
        public synchronized PairInfo restore(LdevId pvol, int mu, boolean quick) throws ArrayException {
            return put(with(existing(pvol, mu), PairState.COPY_RS_R, 50));
        }

        @Override
        public synchronized Optional<PairInfo> pair(LdevId pvol, int mu) {
            return Optional.ofNullable(pairs.get(key(pvol, mu)));
        }

        @Override
        public synchronized Optional<PairInfo> pairOfSvol(LdevId svol) {
            return pairs.values().stream().filter(p -> p.svol().equals(svol)).findFirst();
        }

        @Override
        public synchronized List<PairInfo> pairsOf(LdevId ldev) {
            return pairs.values().stream().filter(p -> p.pvol().equals(ldev) || p.svol().equals(ldev)).toList();
        }

        @Override
        public synchronized List<PairInfo> pairs() {
            return List.copyOf(pairs.values());
        }

        @Override
        public synchronized PairInfo await(LdevId pvol, int mu, Predicate<PairInfo> condition, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                PairInfo p = pairs.getOrDefault(key(pvol, mu), new PairInfo(pvol, null, mu, PairState.SMPL, 0, false, false, false, 0));
                long left = deadline - System.nanoTime();
                if (condition.test(p) || left <= 0) {
                    return p;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        @Override
        public long tracksCopied() { return 0; }
    }
}
