package io.rmvss.array.horcm;

/**
 * The seed manual's 3.7.2 configuration files, verbatim: instance 50 (P-VOL LU 1, MU#2) and
 * instance 51 (S-VOL LU 2). The demo, the benchmark and the tests write these.
 */
public final class SeedConfs {
    public static final String HORCM50_MON_CMD_ONLY = """
            HORCM_MON
            #ip_address      service      poll(10ms)  timeout(10ms)
            127.0.0.1        52050        1000        3000

            HORCM_CMD
            #dev_name        dev_name     dev_name
            \\\\.\\PhysicalDrive0
            """;

    public static final String HORCM50 = """
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

    public static final String HORCM51 = """
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

    private SeedConfs() {
    }
}
