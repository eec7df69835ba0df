package io.rmvss.control.cci;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code pairdisplay -fc -CLI}: a header, then per volume
 * {@code Group PairVol L/R Port# TID LU M Seq# LDEV# P/S Status % P-LDEV# M} (LU and MU are separate
 * tokens; a volume without a path shows {@code -} for port, TID and LU).
 */
final class PairDisplayParser {
    private static final int COLUMNS = 14;

    private PairDisplayParser() {
    }

    static List<PairRow> parse(String output) {
        List<PairRow> rows = new ArrayList<>();
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        for (int i = 1; i < lines.size(); i++) {
            String[] t = lines.get(i).trim().split("\\s+");
            if (t.length < COLUMNS) {
                throw new IllegalArgumentException("unexpected pairdisplay -CLI line: '" + lines.get(i) + "'");
            }
            rows.add(new PairRow(t[0], t[1], t[2].charAt(0), t[3].equals("-") ? null : t[3], number(t[4]), number(t[5]),
                    number(t[6]), number(t[7]), number(t[8]), t[9], t[10], number(t[11]), number(t[12])));
        }
        return rows;
    }

    private static int number(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
