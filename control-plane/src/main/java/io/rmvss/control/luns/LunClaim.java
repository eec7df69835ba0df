package io.rmvss.control.luns;

import io.rmvss.control.events.EventCode;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a LUN VSS asks about is this provider's, decided from its VDS_LUN_INFORMATION (seed 3.7.4):
 * <ul>
 * <li>{@link Ours}: a Hitachi array LUN with complete inquiry data ({@link HitachiIdentity}).</li>
 * <li>{@link Faulty}: a Hitachi array LUN whose inquiry data is unusable, reported with the [EV_*] code that says which part is
 *     missing: a blank product or revision of the standard page is [EV_ENOINQ] (the inquiry did not answer completely: a path
 *     or HBA problem), a blank page 0x80 serial number or a page 0x83 without Hitachi's designator is [EV_ENOSER] (the array
 *     serial and LDEV cannot be acquired).</li>
 * <li>{@link NotOurs}: anything else, silently: VSS asks every provider about every LUN, and a server's own disks must not fill
 *     the event log. That includes disks whose vendor is HITACHI but that are no array LUN: Hitachi (HGST) drives answer
 *     {@code HITACHI} with products such as {@code HUS724040ALE640} and NAA {@code 5000cca...}.</li>
 * </ul>
 * A LUN counts as a Hitachi array LUN when its vendor is HITACHI and it has Hitachi's array NAA designator ({@code 60060e80})
 * or an array emulation type as product ({@code OPEN-*}, {@code DF600F} of the modular arrays). The page 0x80 serial is not
 * parsed: its format is undocumented, and 3.7.4 makes it the P-VOL's on the S-VOL, so only its presence is required.
 */
public sealed interface LunClaim {
    record Ours(HitachiIdentity id) implements LunClaim {
    }

    record Faulty(EventCode code, String detail) implements LunClaim {
    }

    record NotOurs() implements LunClaim {
    }

    static LunClaim of(LunInfo lun) {
        Optional<HitachiIdentity> id = HitachiIdentity.of(lun);
        if (id.isPresent()) {
            return new Ours(id.get());
        }
        if (lun.vendorId() == null || !lun.vendorId().strip().equals("HITACHI")) {
            return new NotOurs();
        }
        boolean naa = HitachiIdentity.hasHitachiNaa(lun);
        String product = lun.productId() == null ? "" : lun.productId().strip().toUpperCase(Locale.ROOT);
        if (!naa && !product.startsWith("OPEN-") && !product.startsWith("DF600F")) {
            return new NotOurs();
        }
        String what = "a HITACHI LUN (product '" + printable(lun.productId()) + "', page 0x83 " + HitachiIdentity.describeNaa(lun) + ")";
        if (blank(lun.productId()) || blank(lun.productRevision())) {
            return new Faulty(EventCode.EV_ENOINQ, what + " came with a blank standard inquiry "
                    + (blank(lun.productId()) ? "product identification" : "product revision level")
                    + ": the inquiry to the device did not answer completely (seed 3.7.4 requires product and revision); check the path to the device"
                    + " (cables, HBA, multipath driver) and rescan the disks");
        }
        if (!naa) {
            return new Faulty(EventCode.EV_ENOSER, what + " has no page 0x83 NAA designator of Hitachi (60060e80...), so its array"
                    + " serial number and LDEV cannot be acquired (seed 3.7.4: the device identification must include them); check"
                    + " that the host's disk driver passes page 0x83 through and that the LU is presented by the array directly");
        }
        return new Faulty(EventCode.EV_ENOSER, what + " has a blank page 0x80 product serial number (seed 3.7.4 requires it, identical"
                + " on P-VOL and S-VOL); check the host's disk driver and the LU's inquiry with inqraid -CLI $Phy");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String printable(String s) {
        return s == null ? "" : s.strip();
    }
}
