package io.rmvss.array;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.shadowimage.SplitOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hundreds of 2.3 GB LDEVs: creating and opening the array and pairing empty volumes stay quick (sparse files, skipped tracks). */
class ScaleTest {
    @TempDir(factory = RamTempDirFactory.class)
    Path dir;

    @Test
    @Timeout(60)
    void threeHundredOpen3SizedLdevs() throws Exception {
        ArrayLayout layout = ArrayLayout.parse("""
                {"systems":[{"serial":410001,"ldevs":[{"ldev":0,"size":"48MiB","productId":"OPEN-V-CM","commandDevice":true},
                                                    {"from":256,"count":300,"size":"2403360KB","productId":"OPEN-3"}],
                  "luns":[{"port":"CL1-A","targetId":0,"lun":0,"ldev":0},
                          {"port":"CL1-A","targetId":0,"fromLun":1,"fromLdev":256,"count":300}]}],
                 "host":{"disks":[{"disk":0,"serial":410001,"port":"CL1-A","targetId":0,"lun":0},
                                  {"fromDisk":1,"count":300,"serial":410001,"port":"CL1-A","targetId":0,"fromLun":1}]}}
                """);
        Path a = dir.resolve("a");
        try (SimulatedArray array = SimulatedArray.create(a, layout)) {
            assertThat(array.hostDisks()).hasSize(301);
            assertThat(array.hostDisk("Harddisk300").orElseThrow().ldev()).contains(new LdevId(410001, 555));
        }
        try (SimulatedArray array = SimulatedArray.open(a)) {
            LdevId p = new LdevId(410001, 256);
            LdevId s = new LdevId(410001, 257);
            array.io().write(p, 1_000_000_000L, new byte[]{1, 2, 3}, 0, 3);
            array.shadowImage().create(p, s, 0, CreateOptions.defaults());
            var paired = array.shadowImage().await(p, 0, i -> i.state() == PairState.PAIR, Duration.ofSeconds(30));
            assertThat(paired.state()).isEqualTo(PairState.PAIR);
            assertThat(array.shadowImage().tracksCopied()).isEqualTo(1);
            array.shadowImage().split(p, 0, new SplitOptions(true, true));
            assertThat(TestArrays.read(array, s, 1_000_000_000L, 3)).containsExactly(1, 2, 3);
        }
    }
}
