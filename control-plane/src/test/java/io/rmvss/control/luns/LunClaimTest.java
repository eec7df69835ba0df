package io.rmvss.control.luns;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.snapshot.TestLuns;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LunClaimTest {
    private static final LunInfo PVOL = TestLuns.hitachi(62496, 18, "OPEN-V");

    @Test
    void completeHitachiArrayLunIsOurs() {
        assertThat(LunClaim.of(PVOL)).isEqualTo(new LunClaim.Ours(new HitachiIdentity(62496, 18, false)));
    }

    @Test
    void otherVendorsAndHitachiDrivesAreSilentlyNotOurs() {
        assertThat(LunClaim.of(TestLuns.local("IBM-ESXS", "L040L2"))).isInstanceOf(LunClaim.NotOurs.class);
        StorageIdentifier hgst = new StorageIdentifier(StorageIdentifier.CODE_SET_BINARY, StorageIdentifier.TYPE_FCPH_NAME,
                HexFormat.of().parseHex("5000cca25bc1d3e4"));
        LunInfo drive = new LunInfo(1, 0, 0, true, 10, "HITACHI ", "HUS724040ALE640 ", "MJAO", "", UUID.randomUUID(), 1, List.of(hgst),
                List.of());
        assertThat(LunClaim.of(drive)).as("an HGST drive with a blank serial is still no array LUN").isInstanceOf(LunClaim.NotOurs.class);
    }

    @Test
    void unusableInquiryOfAnArrayLunNamesWhatIsMissing() {
        assertThat(faulty(PVOL.withIdentity(" ", PVOL.serialNumber(), PVOL.identifiers(), null)).code()).isEqualTo(EventCode.EV_ENOINQ);
        LunInfo blankProduct = new LunInfo(1, 0, 0, true, 6, "HITACHI ", "                ", "2106", PVOL.serialNumber(), null, 1,
                PVOL.identifiers(), List.of());
        LunClaim.Faulty noProduct = faulty(blankProduct);
        assertThat(noProduct.code()).isEqualTo(EventCode.EV_ENOINQ);
        assertThat(noProduct.detail()).contains("product identification", "60060e80");
        assertThat(faulty(PVOL.withIdentity("2106", null, PVOL.identifiers(), null)).code()).isEqualTo(EventCode.EV_ENOSER);
        LunClaim.Faulty noNaa = faulty(PVOL.withIdentity("2106", PVOL.serialNumber(), List.of(), null));
        assertThat(noNaa.code()).isEqualTo(EventCode.EV_ENOSER);
        assertThat(noNaa.detail()).contains("OPEN-V", "without designators", "page 0x83");
    }

    private static LunClaim.Faulty faulty(LunInfo lun) {
        LunClaim claim = LunClaim.of(lun);
        assertThat(claim).isInstanceOf(LunClaim.Faulty.class);
        return (LunClaim.Faulty) claim;
    }
}
