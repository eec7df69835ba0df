package io.rmvss.array;

import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.storage.HostIo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** Small arrays for tests: serial 64568, command device LDEV 0, data LDEVs 256.. of a few MiB. */
public final class TestArrays {
    public static final int SERIAL = 64568;
    public static final LdevId COMMAND_DEVICE = new LdevId(SERIAL, 0);
    public static final int TRACK = HostIo.TRACK_SIZE;

    private TestArrays() {
    }

    public static LdevId ldev(int n) {
        return new LdevId(SERIAL, n);
    }

    /** {@code count} data LDEVs 256.. of {@code size} each, plus LDEV 300 of half that size, all mapped on CL1-A. */
    public static ArrayLayout layout(int count, String size, String smallSize) {
        return ArrayLayout.parse("""
                {"systems":[{"serial":%d,"model":"RAID500","microcode":"50-09-34/00","revision":"5009","cacheMb":65536,
                  "ldevs":[{"ldev":0,"size":"48MiB","productId":"OPEN-V-CM","commandDevice":true},
                           {"from":256,"count":%d,"size":"%s","productId":"OPEN-V","ssid":"0004","raidGroup":"1:01-01"},
                           {"ldev":300,"size":"%s","productId":"OPEN-V"}],
                  "luns":[{"port":"CL1-A","targetId":0,"lun":0,"ldev":0},
                          {"port":"CL1-A","targetId":0,"fromLun":1,"fromLdev":256,"count":%d},
                          {"port":"CL1-B","targetId":0,"lun":0,"ldev":300}]}],
                 "host":{"disks":[{"disk":0,"serial":%d,"port":"CL1-A","targetId":0,"lun":0},
                                  {"fromDisk":1,"count":%d,"serial":%d,"port":"CL1-A","targetId":0,"fromLun":1}],
                         "driveLetters":[{"letter":"F","volume":3,"disk":1}]}}
                """.formatted(SERIAL, count, size, smallSize, count, SERIAL, count, SERIAL));
    }

    public static SimulatedArray small(Path dir) throws IOException {
        return SimulatedArray.create(dir, layout(4, "16MiB", "8MiB"));
    }

    public static byte[] random(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    public static byte[] read(StorageArray array, LdevId id, long offset, int length) throws ArrayException {
        byte[] data = new byte[length];
        array.io().read(id, offset, data, 0, length);
        return data;
    }

    public static void write(StorageArray array, LdevId id, long offset, byte[] data) throws ArrayException {
        array.io().write(id, offset, data, 0, data.length);
    }

    public static PairInfo awaitState(StorageArray array, LdevId pvol, int mu, PairState state) throws InterruptedException {
        PairInfo info = array.shadowImage().await(pvol, mu, p -> p.state() == state, Duration.ofSeconds(30));
        if (info.state() != state) {
            throw new AssertionError("pair " + pvol + " MU#" + mu + " did not reach " + state + " within 30 s: " + info);
        }
        return info;
    }
}
