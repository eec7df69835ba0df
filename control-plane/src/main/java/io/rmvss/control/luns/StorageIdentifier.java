package io.rmvss.control.luns;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * VDS_STORAGE_IDENTIFIER: one page 0x83 designator.
 *
 * @param codeSet VDS_STORAGE_IDENTIFIER_CODE_SET: 1 binary, 2 ASCII, 3 UTF-8
 * @param type    VDS_STORAGE_IDENTIFIER_TYPE: 0 vendor specific, 1 vendor ID (T10), 2 EUI-64, 3 FC-PH name (NAA),
 *                4 port relative, 5 target port group, 6 logical unit group, 7 MD5 LU ID, 8 SCSI name string
 */
public record StorageIdentifier(int codeSet, int type, byte[] identifier) {
    public static final int CODE_SET_BINARY = 1;
    public static final int CODE_SET_ASCII = 2;
    public static final int TYPE_VENDOR_ID = 1;
    public static final int TYPE_FCPH_NAME = 3;

    public StorageIdentifier {
        identifier = identifier.clone();
    }

    @Override
    public byte[] identifier() { return identifier.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageIdentifier s && s.codeSet == codeSet && s.type == type && Arrays.equals(s.identifier, identifier);
    }

    @Override
    public int hashCode() { return 31 * (31 * codeSet + type) + Arrays.hashCode(identifier); }

    @Override
    public String toString() { return "StorageIdentifier[" + codeSet + "/" + type + " " + HexFormat.of().formatHex(identifier) + "]"; }
}
