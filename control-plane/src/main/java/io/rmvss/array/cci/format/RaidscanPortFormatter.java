package io.rmvss.array.cci.format;

/**
 * raidscan -p's layout: CCI's dotted default line and the space-separated -CLI line, one per LU of the port,
 * showing the LU's pair status at the MU# asked for (-m, default 0).
 */
public final class RaidscanPortFormatter {
    /**
     * @param attribute P-VOL, S-VOL or SMPL
     * @param partnerSerial null for SMPL
     */
    public record Row(String port, int targetId, int lun, int serial, int ldev, String attribute, String status,
                      Integer partnerSerial, Integer partnerLdev) {
        boolean simplex() { return "SMPL".equals(attribute); }
    }

    private RaidscanPortFormatter() {
    }

    public static String header(boolean cli) {
        return cli
                ? String.format("%-6s %9s %4s %6s %3s %5s %-5s %-6s %-5s %6s %7s", "Port#", "TargetID#", "Lun#", "Seq#", "Num", "LDEV#",
                "P/S", "Status", "Fence", "P-Seq#", "P-LDEV#")
                : "Port#,TargetID#,Lun#..Num(LDEV#....)...P/S, Status,Fence,LDEV#,P-Seq#,P-LDEV#";
    }

    public static String row(Row r, boolean cli, boolean hex) {
        String ldev = hex ? Integer.toHexString(r.ldev()) : Integer.toString(r.ldev());
        String partnerLdev = r.partnerLdev() == null ? "-" : hex ? Integer.toHexString(r.partnerLdev()) : r.partnerLdev().toString();
        String partnerSerial = r.partnerSerial() == null ? "-" : r.partnerSerial().toString();
        // ShadowImage has no fence level; CCI shows NEVER for a paired volume.
        String fence = r.simplex() ? "-" : "NEVER";
        if (cli) {
            return String.format("%-6s %9d %4d %6d %3d %5s %-5s %-6s %-5s %6s %7s", r.port(), r.targetId(), r.lun(), r.serial(), 1, ldev,
                    r.attribute(), r.simplex() ? "-" : r.status(), fence, partnerSerial, partnerLdev);
        }
        if (r.simplex()) {
            return String.format("%-6s,%3d,%4d..%3d(%s)......%-5s ----- ------ %5s,----- ----", r.port(), r.targetId(), r.lun(), 1, ldev,
                    "SMPL", ldev);
        }
        return String.format("%-6s,%3d,%4d..%3d(%s)......%-5s %-5s %-6s %5s,%5s %4s", r.port(), r.targetId(), r.lun(), 1, ldev,
                r.attribute(), r.status(), fence, ldev, partnerSerial, partnerLdev);
    }
}
