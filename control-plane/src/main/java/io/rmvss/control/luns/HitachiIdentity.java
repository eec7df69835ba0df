package io.rmvss.control.luns;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the seed's 3.7.4 requires of a LUN's inquiry data, read from its VDS_LUN_INFORMATION:
 * vendor HITACHI, non-blank product and revision, a page 0x80 serial number, and a page 0x83
 * NAA designator of Hitachi's OUI ({@code 60060e80}) carrying the array serial (bytes 4-7) and the
 * LDEV (bytes 12-15, observed on real arrays: the last digits are the LDEV).
 */
public record HitachiIdentity(int serial, int ldev, boolean commandDevice) {
    private static final byte[] HITACHI_NAA = {0x60, 0x06, 0x0E, (byte) 0x80};
    private static final int NAA_LENGTH = 16;

    /** Empty when the LUN is not a Hitachi LUN with complete inquiry data ({@link LunClaim} tells which part is missing). */
    public static Optional<HitachiIdentity> of(LunInfo lun) {
        if (lun.vendorId() == null || !lun.vendorId().strip().equals("HITACHI")) {
            return Optional.empty();
        }
        if (blank(lun.productId()) || blank(lun.productRevision()) || blank(lun.serialNumber())) {
            return Optional.empty();
        }
        return hitachiNaa(lun).map(b -> {
            ByteBuffer buffer = ByteBuffer.wrap(b);
            return new HitachiIdentity(buffer.getInt(4), buffer.getInt(12), lun.productId().strip().endsWith("-CM"));
        });
    }

    /** Whether page 0x83 carries Hitachi's array NAA designator. */
    static boolean hasHitachiNaa(LunInfo lun) {
        return hitachiNaa(lun).isPresent();
    }

    /** The page 0x83 designators for an event's detail: "NAA 60060e80...", or what is there instead. */
    static String describeNaa(LunInfo lun) {
        if (lun.identifiers().isEmpty()) {
            return "without designators";
        }
        return hitachiNaa(lun).map(b -> "NAA " + HexFormat.of().formatHex(b))
                .orElse("with " + lun.identifiers().size() + " designator(s), none of Hitachi: " + lun.identifiers());
    }

    private static Optional<byte[]> hitachiNaa(LunInfo lun) {
        for (StorageIdentifier id : lun.identifiers()) {
            byte[] b = id.identifier();
            if (id.codeSet() == StorageIdentifier.CODE_SET_BINARY && id.type() == StorageIdentifier.TYPE_FCPH_NAME
                    && b.length == NAA_LENGTH && b[0] == HITACHI_NAA[0] && b[1] == HITACHI_NAA[1] && b[2] == HITACHI_NAA[2]
                    && b[3] == HITACHI_NAA[3]) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The page 0x83 NAA designator of an LDEV, as Hitachi arrays build it. */
    public static StorageIdentifier naa(int serial, int ldev) {
        byte[] b = ByteBuffer.allocate(NAA_LENGTH).put(HITACHI_NAA).putInt(serial).putInt(0).putInt(ldev).array();
        return new StorageIdentifier(StorageIdentifier.CODE_SET_BINARY, StorageIdentifier.TYPE_FCPH_NAME, b);
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
