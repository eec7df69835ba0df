package io.rmvss.cli;

/** Lets tests in other packages write the manual's 3.7.2 conf files exactly as the demo does. */
public final class ConfTextsAccess {
    public static final String MON_CMD_ONLY_50 = ConfTexts.MON_CMD_ONLY_50;
    public static final String PVOL_50 = ConfTexts.PVOL_50;
    public static final String SVOL_51 = ConfTexts.SVOL_51;

    private ConfTextsAccess() {
    }
}
