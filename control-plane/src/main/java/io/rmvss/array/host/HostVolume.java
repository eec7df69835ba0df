package io.rmvss.array.host;

/** A drive letter on a host disk, shown by {@code inqraid $LETALL} as {@code E:\Vol12\Dsk1}. */
public record HostVolume(char letter, int volumeNumber, int diskNumber) {
    public String deviceFile() { return letter + ":\\Vol" + volumeNumber + "\\Dsk" + diskNumber; }
}
