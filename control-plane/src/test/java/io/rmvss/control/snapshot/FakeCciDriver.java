package io.rmvss.control.snapshot;

import io.rmvss.control.cci.CciDriver;
import io.rmvss.control.cci.CciException;
import io.rmvss.control.cci.DeviceInquiry;
import io.rmvss.control.cci.PairRow;
import io.rmvss.control.cci.VolumeState;
import io.rmvss.control.events.EventCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory array of copy groups g1..gN, one pair each (P-VOL 100+i, S-VOL 200+i, serial 62496, MU#2 on instance 50). */
final class FakeCciDriver implements CciDriver {
    static final int SERIAL = 62496;
    final Map<String, VolumeState.Status> status = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger concurrentSplits = new AtomicInteger();
    final AtomicInteger maxConcurrentSplits = new AtomicInteger();
    volatile Duration splitLatency = Duration.ZERO;
    volatile String failingSplit;
    volatile boolean instanceDown;
    private final int groups;

    FakeCciDriver(int groups) {
        this.groups = groups;
        for (int i = 1; i <= groups; i++) {
            status.put("g" + i, VolumeState.Status.PAIR);
        }
    }

    static int pvol(int i) { return 100 + i; }

    static int svol(int i) { return 200 + i; }

    @Override
    public List<String> groups(int instance) {
        attach("raidqry");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= groups; i++) {
            names.add("g" + i);
        }
        return names;
    }

    @Override
    public List<PairRow> pairs(int instance, String group) {
        attach("pairdisplay");
        int i = Integer.parseInt(group.substring(1));
        String st = status.get(group).name();
        return List.of(new PairRow(group, "dev" + i, 'L', "CL2-C", 25, i, 2, SERIAL, pvol(i), "P-VOL", st, 100, svol(i)),
                new PairRow(group, "dev" + i, 'R', "CL2-C", 25, 100 + i, 0, SERIAL, svol(i), "S-VOL", st, 100, pvol(i)));
    }

    @Override
    public VolumeState state(int instance, String group) {
        attach("pairvolchk");
        return new VolumeState(VolumeState.Role.PVOL, status.get(group));
    }

    @Override
    public void split(int instance, String group) {
        attach("pairsplit");
        calls.add("split " + group);
        int now = concurrentSplits.incrementAndGet();
        maxConcurrentSplits.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(splitLatency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            concurrentSplits.decrementAndGet();
        }
        if (group.equals(failingSplit)) {
            throw new CciException(EventCode.EV_CMDIOE, "pairsplit -g " + group, 237, "EX_CMDIOE", "pairsplit: [EX_CMDIOE] Control command I/O error");
        }
        status.put(group, VolumeState.Status.SPLIT);
    }

    @Override
    public void resync(int instance, String group) {
        attach("pairresync");
        calls.add("resync " + group);
        status.put(group, VolumeState.Status.PAIR);
    }

    @Override
    public void restore(int instance, String group) {
        attach("pairresync");
        if (status.get(group) != VolumeState.Status.SPLIT) {
            throw new CciException(EventCode.EV_INVSTP, "pairresync -restore", 228, "EX_INVSTP", "pairresync: [EX_INVSTP] Invalid pair status");
        }
        calls.add("restore " + group);
        status.put(group, VolumeState.Status.PAIR);
    }

    @Override
    public boolean await(int instance, String group, String wanted, Duration timeout) {
        attach("pairevtwait");
        return status.get(group).name().equalsIgnoreCase(wanted);
    }

    @Override
    public void setHidden(int instance, String group, boolean hidden) {
        attach("raidvchkset");
        calls.add((hidden ? "hide " : "unhide ") + group + " on " + instance);
    }

    /** The fake host names its disks by LDEV: HarddiskN answers inquiry as LDEV N of the array; any other name cannot be opened. */
    @Override
    public DeviceInquiry inquire(String device) {
        calls.add("inquire " + device);
        if (!device.matches("Harddisk\\d+")) {
            throw new CciException(EventCode.EV_EOPDEV, "inqraid " + device, 246, "EX_ENODEV", "inqraid: [EX_ENODEV] No such device");
        }
        return new DeviceInquiry(device, "CL2-C", SERIAL, Integer.parseInt(device.substring("Harddisk".length())), "OPEN-V");
    }

    private void attach(String command) {
        if (instanceDown) {
            throw new CciException(EventCode.EV_ATTHOR, command, 251, "EX_ATTHOR", command + ": [EX_ATTHOR] Can't be attached to HORC manager");
        }
    }
}
