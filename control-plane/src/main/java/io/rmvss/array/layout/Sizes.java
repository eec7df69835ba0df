package io.rmvss.array.layout;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses capacities like {@code 2347MiB}, {@code 2403360KB} or a plain byte count; KB/MB/GB are binary as on Hitachi arrays. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

    private Sizes() {
    }

    static long parse(String text, String where) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new LayoutException(where + ": size '" + text + "' is not a size; write e.g. \"2347MiB\", \"2403360KB\" or a byte count");
        }
        long value = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1L;
            case "K", "KB", "KIB" -> 1L << 10;
            case "M", "MB", "MIB" -> 1L << 20;
            case "G", "GB", "GIB" -> 1L << 30;
            case "T", "TB", "TIB" -> 1L << 40;
            case "BLK", "BLOCKS" -> 512L;
            default -> throw new LayoutException(where + ": unknown size unit '" + m.group(2)
                    + "'; use B, KB/KiB, MB/MiB, GB/GiB, TB/TiB or blocks");
        };
        long bytes = Math.multiplyExact(value, unit);
        if (bytes <= 0 || bytes % 512 != 0) {
            throw new LayoutException(where + ": size " + text + " (" + bytes
                    + " bytes) must be a positive multiple of 512 bytes (one block)");
        }
        return bytes;
    }
}
