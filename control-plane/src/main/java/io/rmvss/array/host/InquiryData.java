package io.rmvss.array.host;

import io.rmvss.array.LdevId;
import io.rmvss.array.storage.Ldev;
import java.nio.ByteBuffer;

/**
 * Builds the SCSI identity of a Hitachi LUN.
 * <ul>
 * <li>Page 0x80 (unit serial number, ASCII): {@code "50 0F420 0012"} = a fixed "50" prefix, the array
 *     serial in 5 hex digits, the LDEV in 4 hex digits. Unconfirmed: Hitachi does not document the
 *     format; this one carries serial and LDEV and has the same form and length on P-VOL and S-VOL,
 *     which is what the seed's 3.7.4 asks of it.</li>
 * <li>Page 0x83 NAA-6 designator, 16 bytes: {@code 60 06 0E 80} (NAA 6, Hitachi's IEEE OUI 0x0060E8),
 *     the serial as a 32-bit number, four zero bytes, and the LDEV as a 32-bit number in the last
 *     bytes (observed on real arrays: the last digits are the LDEV).</li>
 * </ul>
 */
public final class InquiryData {
    public static final String VENDOR = "HITACHI ";

    private InquiryData() {
    }

    public static Inquiry of(Ldev ldev, String revision) {
        LdevId id = ldev.id();
        return new Inquiry(VENDOR, pad(ldev.productId(), 16), pad(revision, 4), unitSerial(id), naa(id), ldev.commandDevice());
    }

    public static String unitSerial(LdevId id) {
        return String.format("50 %05X %04X", id.serial(), id.ldev());
    }

    public static byte[] naa(LdevId id) {
        return ByteBuffer.allocate(16)
                .put((byte) 0x60).put((byte) 0x06).put((byte) 0x0E).put((byte) 0x80)
                .putInt(id.serial())
                .putInt(0)
                .putInt(id.ldev())
                .array();
    }

    static String pad(String text, int width) {
        String cut = text.length() > width ? text.substring(0, width) : text;
        return cut + " ".repeat(width - cut.length());
    }
}
