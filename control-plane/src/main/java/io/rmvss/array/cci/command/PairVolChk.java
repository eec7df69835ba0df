package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.GroupPair;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.PairVolume;
import io.rmvss.array.cci.VolumeStatus;
import java.util.List;

/**
 * pairvolchk -g group | -d dev_name [-c] [-s | -ss]: the attribute of this instance's volumes (or, with -c,
 * the partner's). Exit code 1 SMPL, 2 P-VOL, 3 S-VOL; with -s/-ss the status too: 11 SMPL, 22-25 P-VOL
 * COPY/RCPY, PAIR, PSUS, PSUE, 32-35 the same for the S-VOL. A group reports its most urgent state
 * (COPY, then PSUE, then PSUS, then PAIR), as CCI's truth table does.
 */
public final class PairVolChk implements CciCommand {
    private static final List<String> URGENCY = List.of("COPY", "RCPY", "PSUE", "PSUS", "SSUS", "PAIR");

    @Override
    public String name() { return "pairvolchk"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("pairvolchk {-g <group> | -d <pair Vol>} [-c] [-s | -ss]")
                .valued("-g", "-d").flags("-c", "-s", "-ss").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        List<GroupPair> pairs = GroupResolver.pairs(inv);
        var si = inv.context().array().shadowImage();
        VolumeStatus.Role role = null;
        String status = null;
        for (GroupPair p : pairs) {
            PairVolume v = inv.options().has("-c") ? p.remote() : p.local();
            VolumeStatus s = VolumeStatus.of(si, v.id(), v.mu());
            if (role != null && role != s.role()) {
                throw new ArrayException(CciError.EX_ENQVOL, "group " + p.group() + " mixes " + role + " and " + s.role()
                        + " volumes on this side; check it with pairdisplay -g " + p.group());
            }
            role = s.role();
            if (status == null || URGENCY.indexOf(s.status()) < URGENCY.indexOf(status)) {
                status = s.status();
            }
        }
        String attribute = switch (role) {
            case PVOL -> "P-VOL";
            case SVOL -> "S-VOL";
            case SMPL -> "SMPL";
        };
        inv.out().println(role == VolumeStatus.Role.SMPL ? "pairvolchk : Volstat is SMPL."
                : "pairvolchk : Volstat is " + attribute + ".[status = " + status + " ]");
        boolean detailed = inv.options().has("-s") || inv.options().has("-ss");
        return switch (role) {
            case SMPL -> detailed ? 11 : 1;
            case PVOL -> detailed ? 20 + statusDigit(status) : 2;
            case SVOL -> detailed ? 30 + statusDigit(status) : 3;
        };
    }

    private static int statusDigit(String status) {
        return switch (status) {
            case "COPY", "RCPY" -> 2;
            case "PAIR" -> 3;
            case "PSUS", "SSUS" -> 4;
            default -> 5;
        };
    }
}
