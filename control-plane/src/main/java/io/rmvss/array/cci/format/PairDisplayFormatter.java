package io.rmvss.array.cci.format;

import java.util.ArrayList;
import java.util.List;

/**
 * pairdisplay's layout. Columns follow CCI's fixed widths; where the seed manual's 3.7.2 samples
 * and CCI captures differ in spacing inside a token, the seed wins for the default layout
 * ({@code (CL2-C ,25,   2-0)62496}) and CCI's own layout is used for -fc ({@code (CL1-A , 1,   0-0 )30053}),
 * each with the header that matches it.
 */
public final class PairDisplayFormatter {
    /** -fd: Device_File instead of the port column; -fc: copy % instead of the partner's Seq#; -fx: LDEVs in hex. */
    public record Layout(boolean deviceFile, boolean percent, boolean hex, boolean cli) {
    }

    private PairDisplayFormatter() {
    }

    public static List<String> format(Layout layout, List<PairDisplayRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(layout.cli() ? cliHeader(layout) : header(layout));
        for (PairDisplayRow r : rows) {
            lines.add(layout.cli() ? cliRow(layout, r) : row(layout, r));
        }
        return lines;
    }

    static String header(Layout l) {
        String volume = l.deviceFile() ? "Device_File      " : l.percent() ? "(Port#,TID, LU-M) " : "(Port#,TID,LU-M)";
        String tail = l.percent() ? ",Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M" : ",Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M";
        return "Group   PairVol(L/R) " + volume + tail;
    }

    static String row(Layout l, PairDisplayRow r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-7s %-12s ", r.group(), r.devName() + "(" + r.side() + ")"));
        if (l.deviceFile()) {
            sb.append(String.format("%-16s %5d", r.deviceFile() == null ? "Unknown" : r.deviceFile(), r.serial()));
        } else {
            String port = r.port() == null ? "----" : r.port();
            String tid = r.port() == null ? "-" : Integer.toString(r.targetId());
            String lun = r.port() == null ? "-" : Integer.toString(r.lun());
            sb.append(String.format(l.percent() ? "(%-6s,%2s,%4s-%d )%5d" : "(%-6s,%2s,%4s-%d)%5d", port, tid, lun, r.mu(), r.serial()));
        }
        sb.append(' ').append(l.hex() ? String.format("%5x.", r.ldev()) : String.format("%5d..", r.ldev()));
        if (r.simplex()) {
            sb.append(String.format("%-5s %-4s,%5s %7s %c", "SMPL", "----", "-----", "----", r.mark()));
        } else {
            String middle = l.percent() ? String.format("%5d", r.percent())
                    : r.partnerSerial() == null ? "-----" : String.format("%5d", r.partnerSerial());
            sb.append(String.format("%-5s %-4s,%5s %7s %c", r.attribute(), r.status(), middle, ldev(l, r.partnerLdev()), r.mark()));
        }
        return sb.toString();
    }

    static String cliHeader(Layout l) {
        String volume = l.deviceFile() ? String.format("%-16s", "Device_File") : String.format("%-6s %3s %-5s", "Port#", "TID", "LU-M");
        return String.format("%-8s %-12s %-3s %s %5s %5s %-5s %-6s %5s %7s %s", "Group", "PairVol", "L/R", volume, "Seq#", "LDEV#",
                "P/S", "Status", l.percent() ? "%" : "Seq#", "P-LDEV#", "M");
    }

    static String cliRow(Layout l, PairDisplayRow r) {
        String volume = l.deviceFile()
                ? String.format("%-16s", r.deviceFile() == null ? "Unknown" : r.deviceFile())
                : r.port() == null ? String.format("%-6s %3s %2s %2s", "-", "-", "-", r.mu())
                : String.format("%-6s %3d %2d %2d", r.port(), r.targetId(), r.lun(), r.mu());
        String middle = r.simplex() ? "-" : l.percent() ? Integer.toString(r.percent())
                : r.partnerSerial() == null ? "-" : Integer.toString(r.partnerSerial());
        return String.format("%-8s %-12s %-3s %s %5d %5s %-5s %-6s %5s %7s %c", r.group(), r.devName(), r.side(), volume, r.serial(),
                l.hex() ? Integer.toHexString(r.ldev()) : Integer.toString(r.ldev()), r.attribute(),
                r.simplex() ? "-" : r.status(), middle, r.simplex() ? "-" : ldev(l, r.partnerLdev()), r.mark());
    }

    private static String ldev(Layout l, Integer ldev) {
        if (ldev == null) {
            return "----";
        }
        return l.hex() ? Integer.toHexString(ldev) : Integer.toString(ldev);
    }
}
