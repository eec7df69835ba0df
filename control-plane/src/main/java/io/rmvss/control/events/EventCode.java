package io.rmvss.control.events;

/**
 * The seed manual's table 3.5 (MK-94HC074-00, 3.9): every [EV_*] error of the CCI Shadow Copy
 * Provider with its message, cause and correction, verbatim (the seed's own spelling kept).
 */
public enum EventCode {
    EV_ERPERM("Permission denied with the VSS hardware provider",
            "CCI Shadow Copy Provider is activated except for the Local System account.",
            "Confirm the CCI Shadow Copy Provider start up account."),
    EV_ENOMEM("The memory is insufficient",
            "The memory for executing a CCI Shadow Copy Provider could not be retained.",
            "Increase the virtual memory capacity of the whole system, or terminate unnecessary programs or daemon processes that are running simultaneously."),
    EV_INVSTP("Invalid pair status",
            "The pair status of a target volume is not appropriate.",
            "Use the pairdisplay command to confirm volume status."),
    EV_ATTHOR("Can't attach to a HORCM daemon",
            "The HORCM daemon is not working.",
            "Verify whether the HORCM daemon is working."),
    EV_CMDIOE("Control command I/O error",
            "Control command I/O error, or rejected",
            "Remove a cause of an error after confirming with system error code."),
    EV_EGETEV("An error occurred in GetEnvironmentVariable()",
            "The system environment variable could not be obtained from GetEnvironmentVariable() system call.",
            "Verify whether the system environment variable is defined."),
    EV_ENOSUP("No supported device",
            "The specified device is a command device or unsupported disk.",
            "Verify whether a target disk is the supported disk."),
    EV_ENOINQ("No such inquiry",
            "An Error occurred in the inquiry to the specified device.",
            "Check the connection to the device."),
    EV_ENOOBJ("Not found object",
            "The SnapshotSetID that is specified by the Provider is invalid.",
            "Check the Event log for any errors pertaining to Shadow Copy."),
    EV_ENOSER("No such serial number",
            "A Serial number could not be acquired from the specified device information.",
            "Check the Event log for any errors pertaining to Shadow Copy."),
    EV_ENRMCM("A RAID Manager command binary file is not found",
            "The file of CCI command was removed by an operation miss.",
            "Reinstall CCI."),
    EV_ENRMPH("RAID Manager was not found in the \"HORCM\\ETC\" directory in C-Z drives",
            "The directory \"HORCM\\ETC\" was removed by an operation miss.",
            "Reinstall CCI."),
    EV_ESETEV("The system environment variable could not be set",
            "The system environment variable could not be set on SetEnvironmentVariable() system call.",
            "Please remove a cause of an error after confirming it with event log if system is unstable with event log."),
    EV_EXCEPT("An exception occurred",
            "An Exception occurred during a process of CCI Shadow Copy Provider.",
            "Please remove a cause of an error after confirming it with event log if system is unstable with event log."),
    EV_INVARG("Invalid argument",
            "The argument which a coordinator specified is invalid.",
            "Please remove a cause of an error after confirming it with event log if an error about Shadow Copy Service is written in it."),
    EV_INVSEQ("Invalid sequence",
            "The order specified from a coordinator is invalid.",
            "Please remove a cause of an error after confirming it with event log if an error about Shadow Copy Service is written in it"),
    EV_EOPDEV("Cannot open a device",
            "The specified device special file failed to open.",
            "Please remove a cause of an error after confirming it with system error code.");

    private final String message;
    private final String cause;
    private final String correction;

    EventCode(String message, String cause, String correction) {
        this.message = message;
        this.cause = cause;
        this.correction = correction;
    }

    public String message() { return message; }

    public String cause() { return cause; }

    public String correction() { return correction; }

    /** The seed's first column: {@code [EV_INVSTP] Invalid pair status}. */
    public String text() {
        return "[" + name() + "] " + message;
    }
}
