package io.rmvss.control.cci;

/** A volume's role and pair status as {@code pairvolchk -ss} reports it by exit code. */
public record VolumeState(Role role, Status status) {
    public enum Role { SMPL, PVOL, SVOL }

    public enum Status { SMPL, COPY, PAIR, SPLIT, PSUE, PDUB }

    /** 11 SMPL; 22-26 P-VOL COPY/RCPY, PAIR, PSUS, PSUE, PDUB; 32-36 the same for the S-VOL. */
    public static VolumeState ofExitCode(int exit) {
        if (exit == 11 || exit == 1) {
            return new VolumeState(Role.SMPL, Status.SMPL);
        }
        Role role = exit / 10 == 2 ? Role.PVOL : exit / 10 == 3 ? Role.SVOL : null;
        Status status = switch (exit % 10) {
            case 2 -> Status.COPY;
            case 3 -> Status.PAIR;
            case 4 -> Status.SPLIT;
            case 5 -> Status.PSUE;
            case 6 -> Status.PDUB;
            default -> null;
        };
        if (role == null || status == null) {
            throw new IllegalArgumentException("pairvolchk -ss exit code " + exit + " is not a volume status");
        }
        return new VolumeState(role, status);
    }

    public boolean split() { return status == Status.SPLIT; }
}
