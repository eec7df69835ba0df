package io.rmvss.control.it;

import io.rmvss.array.daemon.ArrayClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A host's disk I/O through the array daemon ({@code rmvss array io}): what the host's application writes and reads. */
final class HostDiskIo {
    private final ArrayClient array;
    private final Path cwd;

    HostDiskIo(SeedSite site) {
        this.array = new ArrayClient(ArrayClient.socketOf(site.data));
        this.cwd = site.data;
    }

    /** SHA-256 of {@code length} bytes at {@code offset} of a host disk (E:, Harddisk2); fails as the host's read fails. */
    String sum(String device, long offset, long length) {
        return run("sum", device, Long.toString(offset), Long.toString(length)).split("\\s+")[0];
    }

    void fill(String device, long offset, long length, long seed) {
        run("fill", device, Long.toString(offset), Long.toString(length), "--seed", Long.toString(seed));
    }

    private String run(String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            exit = array.io(new ArrayList<>(List.of(words)), cwd, out, err);
        } catch (IOException e) {
            throw new IllegalStateException("rmvss array io " + String.join(" ", words) + ": the array daemon did not answer: " + e, e);
        }
        if (exit != 0) {
            throw new HostIoRefused("rmvss array io " + String.join(" ", words) + " exited " + exit + ": "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The array refused the host's I/O (a hidden disk, a NOREAD S-VOL). */
    static final class HostIoRefused extends RuntimeException {
        HostIoRefused(String message) {
            super(message);
        }
    }
}
