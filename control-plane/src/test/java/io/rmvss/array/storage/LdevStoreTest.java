package io.rmvss.array.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.LdevId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdevStoreTest {
    private static final Ldev LDEV = new Ldev(new LdevId(1, 5), 100L * HostIo.TRACK_SIZE + 512, "OPEN-V", false, "-", "-");

    @TempDir
    Path dir;

    @Test
    void cleanCloseKeepsTheWrittenBitmap() throws Exception {
        try (LdevStore store = LdevStore.create(dir, List.of(LDEV))) {
            store.written(LDEV.id()).set(7);
        }
        try (LdevStore store = LdevStore.open(dir, List.of(LDEV))) {
            DurableBitmap written = store.written(LDEV.id());
            assertThat(written.cardinality()).isEqualTo(1);
            assertThat(written.get(7)).isTrue();
        }
    }

    @Test
    void uncleanEndMarksEveryTrackWritten() throws Exception {
        LdevStore crashed = LdevStore.create(dir, List.of(LDEV));
        crashed.written(LDEV.id()).set(7); // never forced, never closed: as after kill -9
        try (LdevStore store = LdevStore.open(dir, List.of(LDEV))) {
            assertThat(store.written(LDEV.id()).cardinality()).isEqualTo(101);
        }
        try (LdevStore store = LdevStore.open(dir, List.of(LDEV))) {
            assertThat(store.written(LDEV.id()).cardinality()).isEqualTo(101);
        }
    }
}
