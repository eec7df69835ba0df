package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import java.util.Locale;
import java.util.Optional;

/**
 * Quick or normal, for pairsplit (HORCC_SPLT), pairresync (HORCC_RSYN) and pairresync -restore (HORCC_REST):
 * {@code -fq quick|normal} overrides the variable; neither means normal.
 */
public final class SplitMode {
    public static final String HORCC_SPLT = "HORCC_SPLT";
    public static final String HORCC_RSYN = "HORCC_RSYN";
    public static final String HORCC_REST = "HORCC_REST";

    private SplitMode() {
    }

    public static boolean quick(Invocation inv, String variable) throws ArrayException {
        Optional<String> option = inv.options().value("-fq");
        if (option.isPresent()) {
            return parse(option.get(), "-fq");
        }
        String env = inv.env().get(variable);
        return env != null && !env.isBlank() && parse(env.trim(), variable);
    }

    /** The split mode from HORCC_SPLT alone (paircreate -split has no -fq); a bad value counts as normal. */
    public static boolean quickSplit(Invocation inv) {
        String env = inv.env().get(HORCC_SPLT);
        return env != null && env.trim().equalsIgnoreCase("QUICK");
    }

    private static boolean parse(String text, String source) throws ArrayException {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "QUICK" -> true;
            case "NORMAL" -> false;
            default -> throw new ArrayException(CciError.EX_INVARG, source + " takes quick or normal, not '" + text + "'");
        };
    }
}
