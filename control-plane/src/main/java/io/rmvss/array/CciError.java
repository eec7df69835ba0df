package io.rmvss.array;

/**
 * CCI's error codes: the exit code a command returns and the text it prints as
 * {@code <command>: [EX_xxx] <text>}. Values from Hitachi's CCI command reference.
 */
public enum CciError {
    EX_ENOOBJ(205, "No such Object in the RAID"),
    EX_ENOSUP(210, "Microcode not supported"),
    EX_ERPERM(211, "Permission denied with the RAID"),
    EX_ENQSIZ(212, "Unmatched volume size for pairing"),
    EX_INVMUN(220, "Invalid mu# with HORC_MRCF or TrueCopy"),
    EX_CMDRJE(221, "An order to the control/command device was rejected"),
    EX_INVVOL(222, "Invalid volume status"),
    EX_ENLDEV(227, "No such LDEV within the RAID"),
    EX_INVSTP(228, "Invalid pair status"),
    EX_INCSTG(229, "Inconsistent status in group"),
    EX_EWSLTO(232, "Timeout waiting for specified status on the local host"),
    EX_EWSTOT(233, "Timeout waiting for specified status"),
    EX_EWSUSE(234, "Pair suspended at WAIT state"),
    EX_EVOLCE(235, "Pair Volume combination error"),
    EX_ENQVOL(236, "Unmatched volume status within the group"),
    EX_CMDIOE(237, "Control command I/O error"),
    EX_ENOGRP(239, "No such group"),
    EX_INVCMD(240, "Invalid RAID command"),
    EX_INVMOD(241, "Invalid RAID command mode"),
    EX_ENORMT(242, "No remote host alive for remote commands, or Remote Raid Manager might be blocked (sleeping) on an existing I/O"),
    EX_ENOMEM(245, "Not enough core"),
    EX_ENODEV(246, "No such device"),
    EX_ENOENT(247, "No such device or group"),
    EX_OPTINV(248, "A specified option is invalid"),
    EX_INVNAM(249, "Invalid name of option"),
    EX_ATTHOR(251, "Can't be attached to HORC manager"),
    EX_UNWOPT(252, "Unknown option"),
    EX_INVARG(253, "Invalid argument"),
    EX_REQARG(254, "Required Arg list"),
    EX_COMERR(255, "Can't be communicated with HORC manager");

    private final int exitCode;
    private final String text;

    CciError(int exitCode, String text) {
        this.exitCode = exitCode;
        this.text = text;
    }

    public int exitCode() { return exitCode; }

    public String text() { return text; }

    /** The line CCI prints on stderr, e.g. {@code pairsplit: [EX_INVSTP] Invalid pair status}. */
    public String render(String command) {
        return command + ": [" + name() + "] " + text;
    }
}
