package io.rmvss.control.luns;

import java.util.Arrays;

/**
 * VDS_INTERCONNECT: how the host reaches the LUN.
 *
 * @param addressType VDS_INTERCONNECT_ADDRESS_TYPE: 0 unknown, 1 FCFS, 2 FCPH, 3 FCPH3, 4 MAC, 5 SCSI
 */
public record Interconnect(int addressType, byte[] port, byte[] address) {
    public Interconnect {
        port = port.clone();
        address = address.clone();
    }

    @Override
    public byte[] port() { return port.clone(); }

    @Override
    public byte[] address() { return address.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interconnect i && i.addressType == addressType && Arrays.equals(i.port, port) && Arrays.equals(i.address, address);
    }

    @Override
    public int hashCode() { return 31 * (31 * addressType + Arrays.hashCode(port)) + Arrays.hashCode(address); }
}
