package io.rmvss.control.luns;

/**
 * A volume of the local instance at the configured MU#, its copy group and its partner (the S-VOL once paired).
 *
 * @param localAttribute P-VOL, S-VOL or SMPL when the index was built
 */
public record PairBinding(String group, String devName, int serial, int pvolLdev, int svolSerial, int svolLdev, int mu,
                          String localAttribute) {
    public boolean pvol() { return localAttribute.equals("P-VOL"); }
}
