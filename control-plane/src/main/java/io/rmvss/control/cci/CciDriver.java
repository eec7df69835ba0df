package io.rmvss.control.cci;

import java.time.Duration;
import java.util.List;

/**
 * The CCI operations the provider needs, each on a copy group through one HORCM instance in
 * ShadowImage (HORCC_MRCF=1) mode. The domain is written against this interface; {@link CommandCciDriver}
 * runs the real commands. Failures are {@link CciException}s carrying the [EV_*] code.
 */
public interface CciDriver {
    /** The copy groups the instance has in its HORCM_DEV/HORCM_LDEV ({@code raidqry -g}). */
    List<String> groups(int instance);

    /** Every pair volume of the group, local (L) and remote (R) lines ({@code pairdisplay -g G -fc -CLI}). */
    List<PairRow> pairs(int instance, String group);

    /** The local volume's role and status ({@code pairvolchk -g G -ss} exit code). */
    VolumeState state(int instance, String group);

    /** Quick split: the S-VOL is usable at once ({@code pairsplit -g G -fq quick}). */
    void split(int instance, String group);

    /** Resynchronise P-VOL to S-VOL ({@code pairresync -g G}). */
    void resync(int instance, String group);

    /** Restore S-VOL to P-VOL ({@code pairresync -g G -restore}); allowed from PSUS only. */
    void restore(int instance, String group);

    /**
     * Waits until the local volume reaches {@code status} (pair, psus, ...; {@code pairevtwait -g G -s status -t secs}).
     * @return false when the timeout passed first
     */
    boolean await(int instance, String group, String status, Duration timeout);

    /**
     * SCSI inquiry of a host device ({@code inqraid <device> -CLI}); needs no HORCM instance. A device the host cannot open
     * is [EV_EOPDEV].
     */
    DeviceInquiry inquire(String device);

    /** Hides the group's local volumes from SCSI inquiry ({@code raidvchkset -g G -vg idb}) or releases that ({@code -vg}). */
    void setHidden(int instance, String group, boolean hidden);
}
