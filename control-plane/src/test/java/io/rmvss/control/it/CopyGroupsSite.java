package io.rmvss.control.it;

import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.DeviceLun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's 3.7.2 site widened to {@code n} copy groups {@code g0..g(n-1)} of one ShadowImage pair each, so that snapshot sets on
 * disjoint LUNs split and resync disjoint groups: P-VOL of group i = LDEV 256+i on CL2-C TID 25 LU 1+i (MU#2 in horcm50.conf),
 * S-VOL = LDEV 256+n+i on LU 1+n+i (horcm51.conf), command device LDEV 16 on LU 0. LDEVs are 1 MiB (4 tracks) so that a resync
 * after a split is immediate. Instances 50 and 51 are started, S-VOLs hidden (-vg idb) and every pair created with -m noread and
 * in PAIR, through the real bin/cci.
 */
final class CopyGroupsSite implements AutoCloseable {
    static final int SERIAL = 62496;
    private static final int FIRST_LDEV = 256;

    final SeedSite array;
    final int groups;

    private CopyGroupsSite(SeedSite array, int groups) {
        this.array = array;
        this.groups = groups;
    }

    static CopyGroupsSite start(Path root, int groups) throws Exception {
        SeedSite array = SeedSite.withLayout(root, ArrayLayout.parse(layout(groups)));
        CopyGroupsSite site = new CopyGroupsSite(array, groups);
        try {
            Files.writeString(array.etc.resolve("horcm50.conf"), conf(52050, 52051, 1, 2, groups));
            Files.writeString(array.etc.resolve("horcm51.conf"), conf(52051, 52050, 1 + groups, 0, groups));
            array.check(Map.of(), "horcmstart", "50", "51");
            for (int i = 0; i < groups; i++) {
                array.check(SeedSite.INST51, "raidvchkset", "-g", group(i), "-vg", "idb");
                array.check(SeedSite.INST51, "paircreate", "-g", group(i), "-vr", "-m", "noread");
            }
            for (int i = 0; i < groups; i++) {
                array.check(SeedSite.INST51, "pairevtwait", "-g", group(i), "-s", "pair", "-t", "60");
            }
            return site;
        } catch (Exception e) {
            array.close();
            throw e;
        }
    }

    static String group(int i) {
        return "g" + i;
    }

    int pvolLdev(int i) {
        return FIRST_LDEV + i;
    }

    int svolLdev(int i) {
        return FIRST_LDEV + groups + i;
    }

    /** The P-VOL of group i as the host's VSS names it (its device interface name, as the simulated host answers to it). */
    DeviceLun pvol(int i) {
        return GrpcSite.device(interfaceName(pvolLdev(i)), TestLuns.hitachi(SERIAL, pvolLdev(i), "OPEN-3"));
    }

    LunInfo pvolLun(int i) {
        return TestLuns.hitachi(SERIAL, pvolLdev(i), "OPEN-3");
    }

    /** The S-VOL of group i's device interface name, once imported (LocateLuns made it visible). */
    String svolDevice(int i) {
        return interfaceName(svolLdev(i));
    }

    /** {@code \\?\scsi#disk&ven_hitachi&prod_open-3#1&<serial, 5 hex>&0&<LDEV, 6 hex>}: HostDisk.interfaceName's form. */
    private static String interfaceName(int ldev) {
        return String.format("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&%05x&0&%06x", SERIAL, ldev);
    }

    /** {@code P/S Status} of every line of every group through instance 50, e.g. "g3 P-VOL PAIR". */
    List<String> statuses() throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            String g = group(i);
            array.check(SeedSite.INST50, "pairdisplay", "-g", g, "-CLI").out().lines().skip(1)
                    .map(l -> l.trim().split("\\s+")).forEach(t -> all.add(g + " " + t[9] + " " + t[10]));
        }
        return all;
    }

    private static String layout(int n) {
        return """
                {"systems":[{"serial":%d,"ldevs":[{"ldev":16,"size":"48MiB","productId":"OPEN-3-CM","commandDevice":true},
                                                 {"from":%d,"count":%d,"size":"1MiB","productId":"OPEN-3"}],
                  "luns":[{"port":"CL2-C","targetId":25,"lun":0,"ldev":16},
                          {"port":"CL2-C","targetId":25,"fromLun":1,"fromLdev":%d,"count":%d}]}],
                 "host":{"disks":[{"disk":0,"serial":%d,"port":"CL2-C","targetId":25,"lun":0},
                                  {"fromDisk":1,"count":%d,"serial":%d,"port":"CL2-C","targetId":25,"fromLun":1}]}}
                """.formatted(SERIAL, FIRST_LDEV, 2 * n, FIRST_LDEV, 2 * n, SERIAL, 2 * n, SERIAL);
    }

    /** horcmN.conf as 3.7.2 writes it, one HORCM_DEV line and one HORCM_INST line per group. */
    private static String conf(int service, int partner, int firstLun, int mu, int n) {
        StringBuilder s = new StringBuilder("HORCM_MON\n127.0.0.1        " + service + "        1000        3000\n\n"
                + "HORCM_CMD\n\\\\.\\PhysicalDrive0\n\nHORCM_DEV\n#dev_group  dev_name  port#  TargetID  LU#  MU#\n");
        for (int i = 0; i < n; i++) {
            s.append(group(i)).append("  dev").append(i).append("  CL2-C  25  ").append(firstLun + i).append("  ").append(mu).append('\n');
        }
        s.append("\nHORCM_INST\n#dev_group  ip_address  service\n");
        for (int i = 0; i < n; i++) {
            s.append(group(i)).append("  127.0.0.1  ").append(partner).append('\n');
        }
        return s.toString();
    }

    @Override
    public void close() throws Exception {
        array.close();
    }
}
