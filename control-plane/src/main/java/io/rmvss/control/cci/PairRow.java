package io.rmvss.control.cci;

/**
 * One line of {@code pairdisplay -fc -CLI}: a pair volume as an instance sees it.
 *
 * @param side        'L' (this instance's volume) or 'R' (the partner's)
 * @param attribute   P-VOL, S-VOL or SMPL
 * @param status      COPY, PAIR, PSUS, SSUS, PSUE, RCPY, or "-" for SMPL
 * @param percent     copy progress, or -1 when not shown
 * @param partnerLdev the other volume's LDEV, or -1
 */
public record PairRow(String group, String devName, char side, String port, int targetId, int lun, int mu,
                      int serial, int ldev, String attribute, String status, int percent, int partnerLdev) {
    public boolean local() { return side == 'L'; }

    public boolean pvol() { return attribute.equals("P-VOL"); }

    public boolean svol() { return attribute.equals("S-VOL"); }
}
