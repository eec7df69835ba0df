package io.rmvss.array.storage;

import io.rmvss.array.ArrayException;
import io.rmvss.array.LdevId;

/**
 * The host's I/O path to LDEVs: what a server's SCSI reads and writes would do.
 * Enforces the array's rules: S-VOL write-inhibit while paired, NOREAD, hidden (INVISIBLE) LUNs,
 * no access to the P-VOL during a restore, command devices carry no data.
 * A write is durable on disk when {@link #write} returns; point-in-time copy-before-write happens inside.
 */
public interface HostIo {
    /** Track size of the copy engine and of differential bitmaps. */
    int TRACK_SIZE = 256 * 1024;

    void read(LdevId ldev, long offset, byte[] buffer, int bufferOffset, int length) throws ArrayException;

    void write(LdevId ldev, long offset, byte[] buffer, int bufferOffset, int length) throws ArrayException;
}
