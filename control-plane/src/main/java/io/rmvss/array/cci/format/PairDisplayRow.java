package io.rmvss.array.cci.format;

/**
 * One line of pairdisplay: a volume as one side of a pair.
 *
 * @param side          'L' (this instance) or 'R' (the partner)
 * @param port          null when the volume has no LU path
 * @param deviceFile    the host's name for it (Harddisk2), or null when the host does not see it
 * @param attribute     P-VOL, S-VOL or SMPL
 * @param status        COPY, PAIR, PSUS, SSUS, RCPY, PSUE; ignored for SMPL
 * @param partnerSerial the S-VOL's serial on a P-VOL line, else null
 * @param percent       copy or identity percentage, null for SMPL
 * @param partnerLdev   the other volume's LDEV (P-LDEV# column), null for SMPL
 * @param mark          the M column: N (noread), W (written/writable after split) or -
 */
public record PairDisplayRow(String group, String devName, char side, String port, int targetId, int lun, int mu,
                             String deviceFile, int serial, int ldev, String attribute, String status,
                             Integer partnerSerial, Integer percent, Integer partnerLdev, char mark) {
    public boolean simplex() { return "SMPL".equals(attribute); }
}
