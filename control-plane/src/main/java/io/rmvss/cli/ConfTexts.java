package io.rmvss.cli;

/** The manual's 3.7.2 horcm50.conf / horcm51.conf, as the demo writes them. */
final class ConfTexts {
    private ConfTexts() {
    }

    /** Step 1: command device only; target ID and LUN are not known yet. */
    static final String MON_CMD_ONLY_50 = """
            HORCM_MON
            #ip_address      service      poll(10ms)  timeout(10ms)
            127.0.0.1        52050        1000        3000

            HORCM_CMD
            #dev_name        dev_name     dev_name
            \\\\.\\PhysicalDrive0
            """;

    /** Step 5: the P-VOL side (LU 1, MU#2) and its partner instance 51. */
    static final String PVOL_50 = """
            HORCM_MON
            #ip_address      service          poll(10ms)      timeout(10ms)
            127.0.0.1        52050           1000            3000

            HORCM_CMD
            #dev_name        dev_name        dev_name
            \\\\.\\PhysicalDrive0

            HORCM_DEV
            #dev_group      dev_name        port#           TargetID        LU#           MU#
            snap            snapdev1        CL2-C          25              1             2

            HORCM_INST
            #dev_group      ip_address      service
            snap            127.0.0.1      52051
            """;

    /** Step 5: the S-VOL side (LU 2, MU#0) and its partner instance 50. */
    static final String SVOL_51 = """
            HORCM_MON
            #ip_address      service          poll(10ms)      timeout(10ms)
            127.0.0.1        52051           1000            3000

            HORCM_CMD
            #dev_name        dev_name        dev_name
            \\\\.\\PhysicalDrive0

            HORCM_DEV
            #dev_group      dev_name        port#           TargetID        LU#           MU#
            snap            snapdev1        CL2-C          25              2             0

            HORCM_INST
            #dev_group      ip_address      service
            snap            127.0.0.1      52050
            """;
}
