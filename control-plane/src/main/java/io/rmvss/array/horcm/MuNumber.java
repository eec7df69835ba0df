package io.rmvss.array.horcm;

/**
 * The MU# column of HORCM_DEV / HORCM_LDEV: {@code 0}-{@code 2} name a ShadowImage mirror,
 * {@code h0}-{@code h3} a TrueCopy-style (remote) mirror; an empty column means MU#0 of either.
 */
public record MuNumber(int value, boolean remoteCopy, boolean explicit) {
    public static final MuNumber UNSPECIFIED = new MuNumber(0, false, false);

    /** Parses the conf column; returns null when the text is not an MU#. */
    public static MuNumber parse(String text) {
        String digits = text;
        boolean remote = false;
        if (text.length() > 1 && (text.charAt(0) == 'h' || text.charAt(0) == 'H')) {
            digits = text.substring(1);
            remote = true;
        }
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return new MuNumber(Integer.parseInt(digits), remote, true);
    }

    /** As the conf column would show it. */
    public String text() {
        return explicit ? (remoteCopy ? "h" : "") + value : "";
    }

    @Override
    public String toString() { return explicit ? text() : "(none)"; }
}
