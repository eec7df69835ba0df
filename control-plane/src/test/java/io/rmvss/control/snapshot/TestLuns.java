package io.rmvss.control.snapshot;

import io.rmvss.control.luns.HitachiIdentity;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.luns.StorageIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** VDS_LUN_INFORMATION as the coordinator hands it over for a LUN of the (simulated) Hitachi array. */
public final class TestLuns {
    private TestLuns() {
    }

    public static LunInfo hitachi(int serial, int ldev, String product) {
        String unitSerial = String.format("50 %05X %04X", serial, ldev);
        return new LunInfo(LunInfo.VER_VDS_LUN_INFORMATION, 0, 0, true, 1, "HITACHI ", pad(product, 16), "2106", unitSerial,
                UUID.nameUUIDFromBytes(("disk" + ldev).getBytes(StandardCharsets.UTF_8)), 1,
                List.of(HitachiIdentity.naa(serial, ldev),
                        new StorageIdentifier(StorageIdentifier.CODE_SET_ASCII, StorageIdentifier.TYPE_VENDOR_ID,
                                ("HITACHI " + unitSerial).getBytes(StandardCharsets.US_ASCII))),
                List.of());
    }

    public static LunInfo local(String vendor, String product) {
        return new LunInfo(1, 0, 0, false, 3, vendor, pad(product, 16), "1.0 ", "WD-123", UUID.randomUUID(), 1, List.of(), List.of());
    }

    private static String pad(String s, int n) {
        return s + " ".repeat(Math.max(0, n - s.length()));
    }
}
