/**
 * The simulated array's layout file (JSON): what storage systems exist and what the host sees.
 * <pre>{@code
 * {"systems": [{"serial": 62496, "model": "RAID450", "microcode": "21-06-22/00", "revision": "2106", "cacheMb": 16384,
 *    "ldevs": [{"ldev": 16, "size": "48MiB", "productId": "OPEN-3-CM", "commandDevice": true},
 *              {"ldev": "00:12", "size": "2403360KB", "productId": "OPEN-3", "ssid": "0004", "raidGroup": "5:01-04"},
 *              {"from": 256, "count": 300, "size": "2347MiB", "productId": "OPEN-V"}],
 *    "luns": [{"port": "CL2-C", "targetId": 25, "lun": 0, "ldev": 16},
 *             {"port": "CL1-A", "targetId": 0, "fromLun": 0, "fromLdev": 256, "count": 300}]}],
 *  "host": {"disks": [{"disk": 0, "serial": 62496, "port": "CL2-C", "targetId": 25, "lun": 0},
 *                     {"fromDisk": 4, "count": 300, "serial": 62496, "port": "CL1-A", "targetId": 0, "fromLun": 0},
 *                     {"disk": 3, "vendor": "IBM-ESXS", "productId": "L040L2"}],
 *           "driveLetters": [{"letter": "E", "volume": 12, "disk": 1}]}}
 * }</pre>
 * LDEV numbers are decimal, {@code "0x12"} or CU:LDEV {@code "00:12"}; sizes take B, KB/KiB, MB/MiB, GB/GiB,
 * TB/TiB (all binary) or blocks; {@code ssid} and {@code raidGroup} default to {@code "-"} (shown as such by
 * inqraid). Host disks are numbered 0..n-1 without gaps; a disk with {@code vendor}/{@code productId} and no
 * serial is a local, non-Hitachi disk. {@code seed-example.json} is the manual's 3.7.2 topology.
 */
package io.rmvss.array.layout;
