package io.rmvss.array.horcm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads horcmNN.conf: sections HORCM_MON, HORCM_CMD, HORCM_DEV, HORCM_LDEV, HORCM_INST, HORCM_INSTP.
 * {@code #} starts a comment. The first malformed line stops the parse with its line number and
 * the layout the section expects, the way an admin needs it to fix the file.
 */
public final class HorcmConfParser {
    static final int MAX_NAME_LENGTH = 31;
    /** CL1-A .. CL2-R, optionally with a host group number (CL1-A-3). */
    private static final Pattern PORT = Pattern.compile("CL[0-9A-G]-[A-Z](-[0-9]{1,3})?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CU_LDEV = Pattern.compile("([0-9A-Fa-f]{1,2}):([0-9A-Fa-f]{1,2})");

    private static final String MON_LAYOUT = "'ip_address service poll(10ms) timeout(10ms)'";
    private static final String DEV_LAYOUT = "'dev_group dev_name port# TargetID LU# [MU#]'";
    private static final String LDEV_LAYOUT = "'dev_group dev_name Serial# CU:LDEV(LDEV#) [MU#]'";
    private static final String INST_LAYOUT = "'dev_group ip_address service'";
    private static final String INSTP_LAYOUT = "'dev_group ip_address service pathID'";

    private enum Section { NONE, MON, CMD, DEV, LDEV, INST, INSTP, IGNORED }

    private HorcmConfParser() {
    }

    public static HorcmConf read(Path file) throws HorcmConfException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new HorcmConfException(file, 0, "no such file");
        } catch (IOException e) {
            throw new HorcmConfException(file, 0, "cannot be read: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static HorcmConf parse(Path file, String text) throws HorcmConfException {
        Section section = Section.NONE;
        MonitorEntry monitor = null;
        List<List<String>> commandDevices = new ArrayList<>();
        List<DeviceEntry> devices = new ArrayList<>();
        List<PartnerEntry> partners = new ArrayList<>();
        Set<String> devNames = new HashSet<>();

        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f[0].toUpperCase(Locale.ROOT).startsWith("HORCM_")) {
                if (f.length > 1) {
                    throw new HorcmConfException(file, lineNumber,
                            "a section header stands alone on its line, found '" + line + "'");
                }
                section = sectionOf(file, lineNumber, f[0]);
                continue;
            }
            switch (section) {
                case NONE -> throw new HorcmConfException(file, lineNumber,
                        "expected a section header (HORCM_MON, HORCM_CMD, HORCM_DEV, HORCM_LDEV, HORCM_INST), found '" + line + "'");
                case MON -> {
                    if (monitor != null) {
                        throw new HorcmConfException(file, lineNumber, "HORCM_MON takes one line " + MON_LAYOUT + ", found a second one");
                    }
                    monitor = monitor(file, lineNumber, line, f);
                }
                case CMD -> commandDevices.add(List.copyOf(Arrays.asList(f)));
                case DEV, LDEV -> {
                    DeviceEntry entry = section == Section.DEV ? devLine(file, lineNumber, line, f) : ldevLine(file, lineNumber, line, f);
                    if (!devNames.add(entry.devName())) {
                        throw new HorcmConfException(file, lineNumber,
                                "dev_name '" + entry.devName() + "' is defined twice; each pair volume needs its own dev_name");
                    }
                    devices.add(entry);
                }
                case INST -> partners.add(instLine(file, lineNumber, line, f, false));
                case INSTP -> partners.add(instLine(file, lineNumber, line, f, true));
                case IGNORED -> { }
            }
        }
        if (monitor == null) {
            throw new HorcmConfException(file, 0, "HORCM_MON is missing: the instance needs " + MON_LAYOUT);
        }
        if (commandDevices.isEmpty()) {
            throw new HorcmConfException(file, 0, "HORCM_CMD is missing: name the command device, e.g. \\\\.\\PhysicalDrive0");
        }
        return new HorcmConf(file, monitor, commandDevices, devices, partners);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static Section sectionOf(Path file, int lineNumber, String header) throws HorcmConfException {
        return switch (header.toUpperCase(Locale.ROOT)) {
            case "HORCM_MON" -> Section.MON;
            case "HORCM_CMD" -> Section.CMD;
            case "HORCM_DEV" -> Section.DEV;
            case "HORCM_LDEV" -> Section.LDEV;
            case "HORCM_INST" -> Section.INST;
            case "HORCM_INSTP" -> Section.INSTP;
            // Access-control section of newer CCI: accepted, nothing in the simulator depends on it.
            case "HORCM_ALLOW_INST" -> Section.IGNORED;
            default -> throw new HorcmConfException(file, lineNumber, "unknown section '" + header
                    + "'; expected HORCM_MON, HORCM_CMD, HORCM_DEV, HORCM_LDEV, HORCM_INST or HORCM_INSTP");
        };
    }

    private static MonitorEntry monitor(Path file, int n, String line, String[] f) throws HorcmConfException {
        if (f.length != 4) {
            throw new HorcmConfException(file, n, "HORCM_MON expects " + MON_LAYOUT + ", found '" + line + "'");
        }
        int poll = integer(file, n, f[2], "poll(10ms)", -1);
        int timeout = integer(file, n, f[3], "timeout(10ms)", 0);
        return new MonitorEntry(f[0], f[1], poll, timeout, n);
    }

    private static DeviceEntry devLine(Path file, int n, String line, String[] f) throws HorcmConfException {
        if (f.length < 5 || f.length > 6) {
            throw new HorcmConfException(file, n, "HORCM_DEV expects " + DEV_LAYOUT + ", found '" + line + "'");
        }
        names(file, n, f);
        if (!PORT.matcher(f[2]).matches()) {
            throw new HorcmConfException(file, n, "port# '" + f[2] + "' is not a port name such as CL1-A or CL2-C; expected " + DEV_LAYOUT);
        }
        int targetId = integer(file, n, f[3], "TargetID", 0);
        int lun = integer(file, n, f[4], "LU#", 0);
        MuNumber mu = mu(file, n, f, 5);
        return new DeviceEntry(f[0], f[1], new DeviceLocation.PortTargetLun(f[2].toUpperCase(Locale.ROOT), targetId, lun), mu, n);
    }

    private static DeviceEntry ldevLine(Path file, int n, String line, String[] f) throws HorcmConfException {
        if (f.length < 4 || f.length > 5) {
            throw new HorcmConfException(file, n, "HORCM_LDEV expects " + LDEV_LAYOUT + ", found '" + line + "'");
        }
        names(file, n, f);
        int serial = integer(file, n, f[2], "Serial#", 1);
        int ldev = ldevNumber(file, n, f[3]);
        MuNumber mu = mu(file, n, f, 4);
        return new DeviceEntry(f[0], f[1], new DeviceLocation.SerialLdev(serial, ldev), mu, n);
    }

    /** {@code 01:04} (CU:LDEV in hex), {@code 260} (decimal) or {@code 0x104} (hex). */
    static int ldevNumber(Path file, int n, String text) throws HorcmConfException {
        var cu = CU_LDEV.matcher(text);
        try {
            if (cu.matches()) {
                return Integer.parseInt(cu.group(1), 16) << 8 | Integer.parseInt(cu.group(2), 16);
            }
            if (text.startsWith("0x") || text.startsWith("0X")) {
                int value = Integer.parseInt(text.substring(2), 16);
                if (value <= 0xFFFF) {
                    return value;
                }
            } else if (text.chars().allMatch(Character::isDigit) && text.length() <= 5) {
                int value = Integer.parseInt(text);
                if (value <= 0xFFFF) {
                    return value;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new HorcmConfException(file, n, "CU:LDEV(LDEV#) '" + text
                + "' is not an LDEV number; write it as CU:LDEV (01:04), decimal (260) or hex (0x104), at most 65535");
    }

    private static MuNumber mu(Path file, int n, String[] f, int index) throws HorcmConfException {
        if (f.length <= index) {
            return MuNumber.UNSPECIFIED;
        }
        MuNumber mu = MuNumber.parse(f[index]);
        if (mu == null) {
            throw new HorcmConfException(file, n, "MU# '" + f[index] + "' is not a mirror unit number; expected 0, 1, 2 (ShadowImage) or h0-h3");
        }
        return mu;
    }

    private static PartnerEntry instLine(Path file, int n, String line, String[] f, boolean withPath) throws HorcmConfException {
        int expected = withPath ? 4 : 3;
        if (f.length != expected) {
            throw new HorcmConfException(file, n, (withPath ? "HORCM_INSTP expects " + INSTP_LAYOUT : "HORCM_INST expects " + INST_LAYOUT)
                    + ", found '" + line + "'");
        }
        name(file, n, f[0], "dev_group");
        int pathId = withPath ? integer(file, n, f[3], "pathID", 0) : -1;
        return new PartnerEntry(f[0], f[1], f[2], pathId, n);
    }

    private static void names(Path file, int n, String[] f) throws HorcmConfException {
        name(file, n, f[0], "dev_group");
        name(file, n, f[1], "dev_name");
    }

    private static void name(Path file, int n, String value, String column) throws HorcmConfException {
        if (value.length() > MAX_NAME_LENGTH) {
            throw new HorcmConfException(file, n, column + " '" + value + "' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (value.startsWith("-")) {
            throw new HorcmConfException(file, n, column + " '" + value + "' may not start with '-'");
        }
    }

    private static int integer(Path file, int n, String text, String column, int min) throws HorcmConfException {
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HorcmConfException(file, n, column + " '" + text + "' is not a number" + " >= " + min);
    }
}
